#pragma once
// The `.bvit` model file: a versioned, checksummed container in the spirit of safetensors
// (ARCHITECTURE.md "Files and formats").
//
//   offset  size  field (integers little endian)
//   0       4     magic "BVIT"
//   4       4     format version, uint32 (kBvitVersion)
//   8       8     H, header length in bytes, uint64
//   16      8     D, data length in bytes, uint64
//   24      8     checksum: FNV-1a 64 (checksum.h) over the H header bytes, then the D data bytes
//   32      H     header: UTF-8 JSON object, padded with spaces so that 32 + H is a multiple of 64
//   32 + H  D     data: the tensors, each at an offset (relative to the data start) that is a
//                 multiple of 64; bytes between tensors are zero. The file ends exactly there.
//
// The header object holds "tensors": {name: {"dtype": "U64"|"I32"|"I8"|"F32", "shape": [..],
// "offset": n, "bytes": n}} and whatever the writer adds (graph, class names, preprocessing:
// see engine/model_graph.h). Tensors are row-major and contiguous; U64 holds bit-packed rows
// (kernels/bitpack.h), so a packed weight matrix has shape [rows, words per row].
//
// The reader trusts nothing: it checks the magic, the version, the lengths against the file size
// and against limits, the checksum, the JSON, and for every tensor its dtype, rank, dimensions,
// byte count (= elements x dtype size, without overflow), alignment, bounds and overlap with
// any other tensor, and that the gaps are zero, before anything is used. Every error is a
// BvitError naming the file, the field or tensor, and the offset where it applies. Nothing in
// the file is ever executed; the engine interprets a closed set of operations.

#include "core/runtime/json/json_value.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace binvit::runtime::format {

constexpr char kBvitMagic[4] = {'B', 'V', 'I', 'T'};
constexpr std::uint32_t kBvitVersion = 1;
constexpr std::size_t kBvitPreambleBytes = 32;
constexpr std::size_t kBvitAlignment = 64;
// Limits that no real model reaches and that keep a hostile file from asking for absurd memory.
constexpr std::uint64_t kMaxHeaderBytes = std::uint64_t{64} << 20;
constexpr std::uint64_t kMaxDataBytes = std::uint64_t{16} << 30;
constexpr std::size_t kMaxRank = 8;

class BvitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class DType { U64, I32, I8, F32 };

const char* dtype_name(DType dtype);
std::size_t dtype_size(DType dtype);

// A tensor inside a loaded file: a view, valid as long as its BvitFile.
struct TensorView {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::uint64_t> shape;
  std::uint64_t offset = 0;  // relative to the data start
  std::uint64_t bytes = 0;
  const void* data = nullptr;  // 64-byte aligned

  std::uint64_t elements() const { return bytes / dtype_size(dtype); }
  const float* f32() const;
  const std::int8_t* i8() const;
  const std::int32_t* i32() const;
  const std::uint64_t* u64() const;
};

class BvitFile {
 public:
  // Reads and validates; throws BvitError naming the file.
  static BvitFile read(const std::filesystem::path& path);
  // The same from bytes in memory (tests, fuzzing); `origin` names them in errors.
  static BvitFile parse(const void* bytes, std::size_t size, const std::string& origin);

  const std::string& origin() const { return origin_; }
  std::uint32_t version() const { return version_; }
  const json::Value& header() const { return header_; }
  std::uint64_t file_bytes() const { return file_bytes_; }

  const TensorView* find(const std::string& name) const;
  // Throws BvitError naming the file and the tensor when it is absent.
  const TensorView& tensor(const std::string& name) const;
  const std::map<std::string, TensorView>& tensors() const { return tensors_; }

  // An error message prefix naming this file.
  std::string where() const { return "model file '" + origin_ + "'"; }

 private:
  struct FreeDeleter {
    void operator()(void* p) const;
  };
  std::unique_ptr<unsigned char, FreeDeleter> data_;  // 64-byte aligned copy of the data part
  std::string origin_;
  std::uint32_t version_ = 0;
  std::uint64_t file_bytes_ = 0;
  json::Value header_;
  std::map<std::string, TensorView> tensors_;
};

// Collects tensors and writes a file. Tensor names must be unique and non-empty.
class BvitWriter {
 public:
  void add(const std::string& name, DType dtype, const std::vector<std::uint64_t>& shape,
           const void* data, std::size_t bytes);
  void add_f32(const std::string& name, const std::vector<std::uint64_t>& shape,
               const std::vector<float>& values);
  void add_i8(const std::string& name, const std::vector<std::uint64_t>& shape,
              const std::vector<std::int8_t>& values);
  void add_u64(const std::string& name, const std::vector<std::uint64_t>& shape,
               const std::vector<std::uint64_t>& values);
  bool contains(const std::string& name) const;

  // The file's bytes: `header` (an object without "tensors") plus the tensor table.
  std::string serialize(const json::Value& header) const;
  // serialize() written atomically (atomic_file.h).
  void write(const std::filesystem::path& path, const json::Value& header) const;

 private:
  struct Entry {
    std::string name;
    DType dtype;
    std::vector<std::uint64_t> shape;
    std::string bytes;
  };
  std::vector<Entry> entries_;
};

// Builds a file from a header text and a data part as given, with the preamble and checksum
// computed (the header is padded to the alignment). For tests that need a file whose checksum
// is right but whose content is wrong.
std::string assemble_bvit(std::string header_text, const std::string& data,
                          std::uint32_t version = kBvitVersion);

}  // namespace binvit::runtime::format
