#pragma once
// safetensors (https://huggingface.co/docs/safetensors), the weights interchange with PyTorch:
//   bytes 0-7   N, the header length, unsigned 64-bit little endian
//   bytes 8..   N bytes of UTF-8 JSON: {"name": {"dtype": "F32", "shape": [..],
//               "data_offsets": [begin, end]}, ..., "__metadata__": {"key": "value"}}
//   then        the data buffer; offsets are relative to its start, tensors are little endian,
//               row-major, contiguous, and together cover the buffer with no gap or overlap.
// The reader trusts nothing: it checks the length, the JSON, every dtype, shape, offset and the
// coverage before touching data, and names the file and the tensor in every error.

#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace binvit::nn {

struct SafetensorsContent {
  std::vector<std::pair<std::string, torch::Tensor>> tensors;  // in file order
  std::map<std::string, std::string> metadata;

  const torch::Tensor* find(const std::string& name) const;
};

class SafetensorsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes atomically (a temporary file renamed over the target). Tensors are made contiguous
// and stored in their dtype (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL).
void write_safetensors(const std::filesystem::path& path, const SafetensorsContent& content);

// Reads and validates; throws SafetensorsError naming the file and what was wrong.
SafetensorsContent read_safetensors(const std::filesystem::path& path);

// The same from bytes already in memory; `origin` names them in errors.
SafetensorsContent parse_safetensors(const std::string& bytes, const std::string& origin);

}  // namespace binvit::nn
