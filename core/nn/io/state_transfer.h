#pragma once
// Moving named tensors (parameters and buffers) into a model by name, non-strictly, with a
// report of what was loaded, what the model still lacks, what the source had in excess and what
// had the wrong shape. Used for safetensors import, the GSB stage-1 -> stage-2 hand-off, and
// checkpoints.

#include <torch/torch.h>

#include <string>
#include <vector>

namespace binvit::nn {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

struct LoadReport {
  std::vector<std::string> loaded;
  std::vector<std::string> missing;     // in the model, not in the source: left as initialised
  std::vector<std::string> unexpected;  // in the source, not in the model: skipped
  std::vector<std::string> mismatched;  // same name, other shape: "name: source (..) vs model (..)"

  bool complete() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
  // A human-readable account, one line per category that is not empty.
  std::string describe() const;
};

// Every parameter and buffer of the model, by its dotted name.
NamedTensors named_state(const torch::nn::Module& model);

// Copies each source tensor into the model tensor of the same name and shape (converting dtype).
// Quantizer `initialized` flags of the model are set when the source provides them.
LoadReport load_named_tensors(torch::nn::Module& model, const NamedTensors& source);

// Throws std::runtime_error with the report when anything is missing, unexpected or mismatched.
void require_complete(const LoadReport& report, const std::string& origin);

}  // namespace binvit::nn
