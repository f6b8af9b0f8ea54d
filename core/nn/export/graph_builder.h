#pragma once
// Building a `.bvit` file (core/runtime/engine/model_graph.h) from a LibTorch model: tensors,
// ops, and the pieces every model family shares (LayerNorm, LSQ patch convolution and head, the
// header with classes and preprocessing). The families' exporters (bvit_export.cpp for DeiT,
// bhvit_export.cpp for BHViT) add their own layers on top.

#include "core/nn/export/bvit_export.h"
#include "core/nn/layers/lsq_linear.h"
#include "core/runtime/format/bvit_file.h"
#include "core/runtime/json/json_value.h"

#include <torch/torch.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace binvit::nn::bvit {

using runtime::json::Value;

// Scales are used clamped in the forward (functional/elastic_binarize.h: kMinScale).
float clamped_scale(const torch::Tensor& t, int64_t index = 0);
Value float_list(const torch::Tensor& t);  // clamped as clamped_scale
Value double_list(const std::vector<double>& values);
Value names(std::initializer_list<std::string> buffers);  // an op's "in" of several buffers
std::vector<std::uint64_t> shape_of(const torch::Tensor& t);

// Throws std::invalid_argument unless the lazily initialised scale behind `flag` was set.
void require_initialized(const torch::Tensor& flag, const std::string& what);
// Throws std::invalid_argument when a quantizer of the model is switched off.
void check_switches(torch::nn::Module& model);

// What the header records besides the graph.
struct FileDescription {
  std::string family, variant;
  Value config;  // the model's JSON config
  int64_t image_size = 0, in_channels = 0, num_classes = 0;
  int64_t tokens = 0, embed_dim = 0;  // graph.tokens / graph.embed_dim (informative)
};

class GraphBuilder {
 public:
  // Adds a float32 or int8 tensor (checked finite) and returns its name.
  std::string tensor(const std::string& name, const torch::Tensor& value);
  // Adds the signs of a weight (rows, k) as packed U64 rows (bit = w >= 0, the engine's rule)
  // and returns the tensor's name.
  std::string packed_signs(const std::string& name, const torch::Tensor& weight);
  void add(Value op) { ops_.push_back(std::move(op)); }
  static Value op(const std::string& kind, const std::string& name, Value in,
                  const std::string& out);

  void layer_norm(const std::string& name, const torch::nn::LayerNorm& norm, const std::string& in,
                  const std::string& out);
  // An LSQ head (int8_linear) or its float form (linear); token >= 0 reads that row of each
  // image, -1 every row.
  void head(const std::string& name, const LsqLinear& layer, int64_t token, const std::string& in,
            const std::string& out);
  // A patch convolution on the images (kernel = stride = patch) as the patch_embed op.
  void patch_embed(const std::string& name, const LsqPatchConv& conv, int64_t in_channels,
                   int64_t image_size, const std::string& out);

  runtime::format::BvitWriter& writer() { return writer_; }

  // The file's bytes: header (producer, model, config, classes, preprocessing, graph) and
  // tensors. Checks the options against the model (mean/std per channel, class names).
  // task: "classification" (one output row per image) or "segmentation" (one per pixel).
  std::string serialize(const FileDescription& description, const BvitExportOptions& options,
                        const std::string& output,
                        const std::string& task = "classification") const;

 private:
  runtime::format::BvitWriter writer_;
  Value ops_ = Value::array();
};

}  // namespace binvit::nn::bvit
