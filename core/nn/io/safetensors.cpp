#include "core/nn/io/safetensors.h"

#include "core/runtime/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <sstream>

namespace binvit::nn {
namespace {

struct DtypeName {
  torch::ScalarType type;
  const char* name;
};

constexpr std::array<DtypeName, 10> kDtypes{{
    {torch::kFloat64, "F64"},
    {torch::kFloat32, "F32"},
    {torch::kFloat16, "F16"},
    {torch::kBFloat16, "BF16"},
    {torch::kInt64, "I64"},
    {torch::kInt32, "I32"},
    {torch::kInt16, "I16"},
    {torch::kInt8, "I8"},
    {torch::kUInt8, "U8"},
    {torch::kBool, "BOOL"},
}};

// A header larger than this is not a weights file (the format's own reference reader caps it
// at 100 MB as well).
constexpr uint64_t kMaxHeaderBytes = 100'000'000;

const char* dtype_name(torch::ScalarType type) {
  for (const auto& d : kDtypes) {
    if (d.type == type) return d.name;
  }
  throw SafetensorsError(std::string("safetensors cannot store tensors of type ") +
                         c10::toString(type));
}

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw SafetensorsError(origin + ": " + what);
}

uint64_t read_u64_le(const std::string& bytes) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

std::string u64_le(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

struct Entry {
  std::string name;
  torch::ScalarType type;
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;
};

Entry parse_entry(const std::string& origin, const std::string& name, const nlohmann::json& info) {
  const std::string where = "tensor '" + name + "'";
  if (!info.is_object()) fail(origin, where + ": header entry is not an object");
  Entry e;
  e.name = name;
  const auto dtype = info.find("dtype");
  if (dtype == info.end() || !dtype->is_string()) fail(origin, where + ": missing string 'dtype'");
  bool known = false;
  for (const auto& d : kDtypes) {
    if (*dtype == d.name) {
      e.type = d.type;
      known = true;
    }
  }
  if (!known) fail(origin, where + ": unsupported dtype " + dtype->dump());
  const auto shape = info.find("shape");
  if (shape == info.end() || !shape->is_array()) fail(origin, where + ": missing array 'shape'");
  for (const auto& dim : *shape) {
    if (!dim.is_number_unsigned()) fail(origin, where + ": shape entries must be >= 0, got " + dim.dump());
    e.shape.push_back(dim.get<int64_t>());
  }
  const auto offsets = info.find("data_offsets");
  if (offsets == info.end() || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
    fail(origin, where + ": 'data_offsets' must be two non-negative integers");
  }
  e.begin = (*offsets)[0].get<uint64_t>();
  e.end = (*offsets)[1].get<uint64_t>();
  return e;
}

void check_entry_bytes(const std::string& origin, const Entry& e, uint64_t data_bytes) {
  const std::string where = "tensor '" + e.name + "'";
  uint64_t elements = 1;
  for (int64_t dim : e.shape) {
    if (dim != 0 && elements > UINT64_MAX / static_cast<uint64_t>(dim)) fail(origin, where + ": shape overflows");
    elements *= static_cast<uint64_t>(dim);
  }
  const uint64_t expected = elements * c10::elementSize(e.type);
  if (e.end < e.begin || e.end - e.begin != expected) {
    fail(origin, where + ": data_offsets [" + std::to_string(e.begin) + ", " +
                     std::to_string(e.end) + "] hold " + std::to_string(e.end - e.begin) +
                     " bytes, its dtype and shape need " + std::to_string(expected));
  }
  if (e.end > data_bytes) {
    fail(origin, where + ": data_offsets end " + std::to_string(e.end) +
                     " is past the end of the data (" + std::to_string(data_bytes) +
                     " bytes; the file is truncated or the header is wrong)");
  }
}

// Tensors must tile the buffer exactly: no gap (hidden bytes) and no overlap (aliasing).
void check_coverage(const std::string& origin, std::vector<Entry> entries, uint64_t data_bytes) {
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
  uint64_t position = 0;
  for (const Entry& e : entries) {
    if (e.begin != position) {
      fail(origin, "tensor '" + e.name + "' starts at data offset " + std::to_string(e.begin) +
                       " but the previous tensor ends at " + std::to_string(position) +
                       (e.begin < position ? " (overlap)" : " (gap)"));
    }
    position = e.end;
  }
  if (position != data_bytes) {
    fail(origin, "the data holds " + std::to_string(data_bytes) + " bytes but the tensors cover " +
                     std::to_string(position));
  }
}

}  // namespace

const torch::Tensor* SafetensorsContent::find(const std::string& name) const {
  for (const auto& [key, tensor] : tensors) {
    if (key == name) return &tensor;
  }
  return nullptr;
}

void write_safetensors(const std::filesystem::path& path, const SafetensorsContent& content) {
  nlohmann::json header = nlohmann::json::object();
  if (!content.metadata.empty()) header["__metadata__"] = content.metadata;
  std::vector<torch::Tensor> contiguous;
  uint64_t offset = 0;
  for (const auto& [name, tensor] : content.tensors) {
    if (name == "__metadata__" || header.contains(name)) {
      throw SafetensorsError(path.string() + ": duplicate or reserved tensor name '" + name + "'");
    }
    contiguous.push_back(tensor.detach().to(torch::kCPU).contiguous());
    const uint64_t bytes = contiguous.back().nbytes();
    header[name] = {{"dtype", dtype_name(tensor.scalar_type())},
                    {"shape", tensor.sizes().vec()},
                    {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');  // keeps the data 8-byte aligned
  std::string bytes = u64_le(text.size()) + text;
  bytes.reserve(bytes.size() + offset);
  for (const auto& t : contiguous) {
    bytes.append(static_cast<const char*>(t.data_ptr()), t.nbytes());
  }
  runtime::write_file_atomically(path, bytes);
}

SafetensorsContent parse_safetensors(const std::string& bytes, const std::string& origin) {
  if (bytes.size() < 8) {
    fail(origin, "file of " + std::to_string(bytes.size()) +
                     " bytes is too short for a safetensors header length (8 bytes)");
  }
  const uint64_t header_bytes = read_u64_le(bytes);
  if (header_bytes > kMaxHeaderBytes || header_bytes > bytes.size() - 8) {
    fail(origin, "header length " + std::to_string(header_bytes) + " at offset 0 exceeds the " +
                     std::to_string(bytes.size() - 8) + " bytes that follow");
  }
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + 8 + header_bytes);
  } catch (const nlohmann::json::parse_error& error) {
    fail(origin, "header is not valid JSON (byte " + std::to_string(8 + error.byte) +
                     "): " + error.what());
  }
  if (!header.is_object()) fail(origin, "header is not a JSON object");

  SafetensorsContent content;
  std::vector<Entry> entries;
  const uint64_t data_start = 8 + header_bytes;
  const uint64_t data_bytes = bytes.size() - data_start;
  for (const auto& item : header.items()) {
    if (item.key() == "__metadata__") {
      if (!item.value().is_object()) fail(origin, "__metadata__ is not an object");
      for (const auto& m : item.value().items()) {
        if (!m.value().is_string()) fail(origin, "__metadata__ value '" + m.key() + "' is not a string");
        content.metadata[m.key()] = m.value().get<std::string>();
      }
      continue;
    }
    entries.push_back(parse_entry(origin, item.key(), item.value()));
    check_entry_bytes(origin, entries.back(), data_bytes);
  }
  check_coverage(origin, entries, data_bytes);

  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
  for (const Entry& e : entries) {
    torch::Tensor tensor = torch::empty(e.shape, torch::TensorOptions().dtype(e.type));
    std::memcpy(tensor.data_ptr(), bytes.data() + data_start + e.begin, e.end - e.begin);
    content.tensors.emplace_back(e.name, tensor);
  }
  return content;
}

SafetensorsContent read_safetensors(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SafetensorsError(path.string() + ": cannot open for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_safetensors(buffer.str(), path.string());
}

}  // namespace binvit::nn
