#include "core/runtime/format/bvit_file.h"

#include "core/runtime/atomic_file.h"
#include "core/runtime/format/checksum.h"
#include "core/runtime/json/json_parser.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>

namespace binvit::runtime::format {
namespace {

std::uint64_t read_le(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void write_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::uint64_t align_up(std::uint64_t n) {
  return (n + kBvitAlignment - 1) / kBvitAlignment * kBvitAlignment;
}

bool parse_dtype(const std::string& name, DType& dtype) {
  for (DType d : {DType::U64, DType::I32, DType::I8, DType::F32}) {
    if (name == dtype_name(d)) {
      dtype = d;
      return true;
    }
  }
  return false;
}

}  // namespace

const char* dtype_name(DType dtype) {
  switch (dtype) {
    case DType::U64: return "U64";
    case DType::I32: return "I32";
    case DType::I8: return "I8";
    case DType::F32: return "F32";
  }
  return "?";
}

std::size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::U64: return 8;
    case DType::I32: return 4;
    case DType::I8: return 1;
    case DType::F32: return 4;
  }
  return 1;
}

namespace {
template <typename T>
const T* typed(const TensorView& t, DType expected) {
  if (t.dtype != expected) {
    throw BvitError("tensor '" + t.name + "' has dtype " + dtype_name(t.dtype) + ", expected " +
                    dtype_name(expected));
  }
  return static_cast<const T*>(t.data);
}
}  // namespace

const float* TensorView::f32() const { return typed<float>(*this, DType::F32); }
const std::int8_t* TensorView::i8() const { return typed<std::int8_t>(*this, DType::I8); }
const std::int32_t* TensorView::i32() const { return typed<std::int32_t>(*this, DType::I32); }
const std::uint64_t* TensorView::u64() const { return typed<std::uint64_t>(*this, DType::U64); }

void BvitFile::FreeDeleter::operator()(void* p) const { std::free(p); }

BvitFile BvitFile::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BvitError("cannot open model file '" + path.string() + "'");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw BvitError("cannot read model file '" + path.string() + "'");
  if (static_cast<std::uint64_t>(size) > kBvitPreambleBytes + kMaxHeaderBytes + kMaxDataBytes) {
    throw BvitError("model file '" + path.string() + "' is " + std::to_string(size) +
                    " bytes, larger than any model this reader accepts");
  }
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), size)) {
    throw BvitError("cannot read model file '" + path.string() + "'");
  }
  return parse(bytes.data(), bytes.size(), path.string());
}

BvitFile BvitFile::parse(const void* raw, std::size_t size, const std::string& origin) {
  BvitFile file;
  file.origin_ = origin;
  file.file_bytes_ = size;
  const std::string where = file.where();
  const auto* bytes = static_cast<const unsigned char*>(raw);

  if (size < kBvitPreambleBytes) {
    throw BvitError(where + " is truncated: " + std::to_string(size) +
                    " bytes, shorter than the 32-byte preamble");
  }
  if (std::memcmp(bytes, kBvitMagic, 4) != 0) {
    throw BvitError(where + " is not a .bvit file (magic at offset 0 is not 'BVIT')");
  }
  file.version_ = static_cast<std::uint32_t>(read_le(bytes + 4, 4));
  if (file.version_ != kBvitVersion) {
    throw BvitError(where + " has format version " + std::to_string(file.version_) +
                    " (offset 4); this reader reads version " + std::to_string(kBvitVersion));
  }
  const std::uint64_t header_bytes = read_le(bytes + 8, 8);
  const std::uint64_t data_bytes = read_le(bytes + 16, 8);
  const std::uint64_t stored_checksum = read_le(bytes + 24, 8);
  if (header_bytes == 0 || header_bytes > kMaxHeaderBytes) {
    throw BvitError(where + ": header length " + std::to_string(header_bytes) +
                    " (offset 8) is outside [1, " + std::to_string(kMaxHeaderBytes) + "]");
  }
  if (data_bytes > kMaxDataBytes) {
    throw BvitError(where + ": data length " + std::to_string(data_bytes) +
                    " (offset 16) exceeds the limit of " + std::to_string(kMaxDataBytes));
  }
  if ((kBvitPreambleBytes + header_bytes) % kBvitAlignment != 0) {
    throw BvitError(where + ": header length " + std::to_string(header_bytes) +
                    " (offset 8) does not put the data at a 64-byte boundary");
  }
  const std::uint64_t expected_size = kBvitPreambleBytes + header_bytes + data_bytes;
  if (size != expected_size) {
    throw BvitError(where + (size < expected_size ? " is truncated" : " has trailing bytes") +
                    ": the preamble announces " + std::to_string(expected_size) +
                    " bytes (32 + header " + std::to_string(header_bytes) + " + data " +
                    std::to_string(data_bytes) + "), the file has " + std::to_string(size));
  }
  const unsigned char* header_start = bytes + kBvitPreambleBytes;
  const unsigned char* data_start = header_start + header_bytes;
  const std::uint64_t checksum =
      fnv1a64(data_start, data_bytes, fnv1a64(header_start, header_bytes));
  if (checksum != stored_checksum) {
    throw BvitError(where + " is corrupt: checksum mismatch (stored at offset 24, covering bytes " +
                    std::to_string(kBvitPreambleBytes) + ".." + std::to_string(expected_size) + ")");
  }

  try {
    file.header_ = json::parse(std::string_view(reinterpret_cast<const char*>(header_start),
                                                static_cast<std::size_t>(header_bytes)));
  } catch (const json::ParseError& error) {
    throw BvitError(where + ": the header is not valid JSON: " + error.what() +
                    " of the header (file offset " +
                    std::to_string(kBvitPreambleBytes + error.offset()) + ")");
  }
  if (!file.header_.is_object()) throw BvitError(where + ": the header is not a JSON object");

  // The data copy is 64-byte aligned so that every tensor is.
  const std::size_t allocation = static_cast<std::size_t>(align_up(std::max<std::uint64_t>(data_bytes, 1)));
  file.data_.reset(static_cast<unsigned char*>(std::aligned_alloc(kBvitAlignment, allocation)));
  if (!file.data_) throw BvitError(where + ": out of memory for " + std::to_string(data_bytes) + " bytes");
  std::memcpy(file.data_.get(), data_start, static_cast<std::size_t>(data_bytes));

  const json::Value* table = file.header_.find("tensors");
  if (table == nullptr || !table->is_object()) {
    throw BvitError(where + ": the header has no 'tensors' object");
  }
  try {
    for (const auto& [name, entry] : table->as_object("tensors")) {
      const std::string what = "tensors." + name;
      if (name.empty()) throw BvitError(where + ": a tensor has an empty name");
      TensorView t;
      t.name = name;
      const std::string& dtype = entry.at("dtype", what).as_string(what + ".dtype");
      if (!parse_dtype(dtype, t.dtype)) {
        throw BvitError(where + ": tensor '" + name + "' has unknown dtype '" + dtype +
                        "' (U64, I32, I8, F32)");
      }
      const auto& shape = entry.at("shape", what).as_array(what + ".shape");
      if (shape.size() > kMaxRank) {
        throw BvitError(where + ": tensor '" + name + "' has rank " + std::to_string(shape.size()) +
                        ", more than " + std::to_string(kMaxRank));
      }
      std::uint64_t elements = 1;
      for (std::size_t i = 0; i < shape.size(); ++i) {
        const std::uint64_t dim = shape[i].as_size(what + ".shape[" + std::to_string(i) + "]");
        if (dim != 0 && elements > kMaxDataBytes / dim) {
          throw BvitError(where + ": tensor '" + name + "' has an absurd shape (dimension " +
                          std::to_string(i) + " = " + std::to_string(dim) + ")");
        }
        elements *= dim;
        t.shape.push_back(dim);
      }
      t.offset = entry.at("offset", what).as_size(what + ".offset");
      t.bytes = entry.at("bytes", what).as_size(what + ".bytes");
      if (t.bytes != elements * dtype_size(t.dtype)) {
        throw BvitError(where + ": tensor '" + name + "' declares " + std::to_string(t.bytes) +
                        " bytes but its shape and dtype need " +
                        std::to_string(elements * dtype_size(t.dtype)));
      }
      if (t.offset % kBvitAlignment != 0) {
        throw BvitError(where + ": tensor '" + name + "' at data offset " +
                        std::to_string(t.offset) + " is not 64-byte aligned");
      }
      if (t.offset > data_bytes || t.bytes > data_bytes - t.offset) {
        throw BvitError(where + ": tensor '" + name + "' (data offset " + std::to_string(t.offset) +
                        ", " + std::to_string(t.bytes) + " bytes) reaches past the end of the " +
                        std::to_string(data_bytes) + "-byte data part");
      }
      t.data = file.data_.get() + t.offset;
      file.tensors_.emplace(name, std::move(t));
    }
  } catch (const json::JsonError& error) {
    throw BvitError(where + ": " + error.what());
  }

  // Overlaps and non-zero gaps, in offset order.
  std::vector<const TensorView*> by_offset;
  for (const auto& item : file.tensors_) by_offset.push_back(&item.second);
  std::sort(by_offset.begin(), by_offset.end(), [](const TensorView* a, const TensorView* b) {
    return a->offset != b->offset ? a->offset < b->offset : a->bytes < b->bytes;
  });
  // `covered` is the end of the furthest-reaching tensor so far (`covering`); empty tensors
  // occupy no byte and overlap nothing.
  std::uint64_t covered = 0;
  const TensorView* covering = nullptr;
  for (const TensorView* t : by_offset) {
    if (t->bytes == 0) continue;
    if (t->offset < covered) {
      throw BvitError(where + ": tensor '" + t->name + "' (data offset " +
                      std::to_string(t->offset) + ") overlaps tensor '" + covering->name + "'");
    }
    for (std::uint64_t i = covered; i < t->offset; ++i) {
      if (file.data_.get()[i] != 0) {
        throw BvitError(where + ": non-zero padding byte at data offset " + std::to_string(i));
      }
    }
    covered = t->offset + t->bytes;
    covering = t;
  }
  for (std::uint64_t i = covered; i < data_bytes; ++i) {
    if (file.data_.get()[i] != 0) {
      throw BvitError(where + ": non-zero padding byte at data offset " + std::to_string(i));
    }
  }
  return file;
}

const TensorView* BvitFile::find(const std::string& name) const {
  const auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

const TensorView& BvitFile::tensor(const std::string& name) const {
  const TensorView* t = find(name);
  if (t == nullptr) throw BvitError(where() + " has no tensor '" + name + "'");
  return *t;
}

void BvitWriter::add(const std::string& name, DType dtype, const std::vector<std::uint64_t>& shape,
                     const void* data, std::size_t bytes) {
  if (name.empty()) throw BvitError("a .bvit tensor needs a name");
  if (contains(name)) throw BvitError("tensor '" + name + "' added twice to a .bvit file");
  std::uint64_t elements = 1;
  for (std::uint64_t d : shape) elements *= d;
  if (elements * dtype_size(dtype) != bytes) {
    throw BvitError("tensor '" + name + "': " + std::to_string(bytes) +
                    " bytes do not match its shape and dtype");
  }
  entries_.push_back({name, dtype, shape, std::string(static_cast<const char*>(data), bytes)});
}

void BvitWriter::add_f32(const std::string& name, const std::vector<std::uint64_t>& shape,
                         const std::vector<float>& values) {
  add(name, DType::F32, shape, values.data(), values.size() * sizeof(float));
}
void BvitWriter::add_i8(const std::string& name, const std::vector<std::uint64_t>& shape,
                        const std::vector<std::int8_t>& values) {
  add(name, DType::I8, shape, values.data(), values.size());
}
void BvitWriter::add_u64(const std::string& name, const std::vector<std::uint64_t>& shape,
                         const std::vector<std::uint64_t>& values) {
  add(name, DType::U64, shape, values.data(), values.size() * sizeof(std::uint64_t));
}

bool BvitWriter::contains(const std::string& name) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& e) { return e.name == name; });
}

std::string BvitWriter::serialize(const json::Value& header) const {
  if (!header.is_object()) throw BvitError("a .bvit header must be a JSON object");
  if (header.find("tensors") != nullptr) {
    throw BvitError("the .bvit writer builds the 'tensors' table itself");
  }
  json::Value full = header;
  json::Value table = json::Value::object();
  std::string data;
  for (const Entry& e : entries_) {
    data.resize(static_cast<std::size_t>(align_up(data.size())), '\0');
    json::Value entry = json::Value::object();
    entry.set("dtype", dtype_name(e.dtype));
    json::Value shape = json::Value::array();
    for (std::uint64_t d : e.shape) shape.push_back(d);
    entry.set("shape", shape);
    entry.set("offset", static_cast<std::uint64_t>(data.size()));
    entry.set("bytes", static_cast<std::uint64_t>(e.bytes.size()));
    table.set(e.name, entry);
    data += e.bytes;
  }
  data.resize(static_cast<std::size_t>(align_up(data.size())), '\0');
  full.set("tensors", table);
  return assemble_bvit(full.dump(), data);
}

void BvitWriter::write(const std::filesystem::path& path, const json::Value& header) const {
  write_file_atomically(path, serialize(header));
}

std::string assemble_bvit(std::string header_text, const std::string& data, std::uint32_t version) {
  while ((kBvitPreambleBytes + header_text.size()) % kBvitAlignment != 0) header_text += ' ';
  std::string out(kBvitMagic, 4);
  write_le(out, version, 4);
  write_le(out, header_text.size(), 8);
  write_le(out, data.size(), 8);
  write_le(out, fnv1a64(data.data(), data.size(), fnv1a64(header_text.data(), header_text.size())), 8);
  out += header_text;
  out += data;
  return out;
}

}  // namespace binvit::runtime::format
