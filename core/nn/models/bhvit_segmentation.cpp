#include "core/nn/models/bhvit_segmentation.h"

#include "core/nn/functional/token_layout.h"

namespace binvit::nn {

BhvitSegmentation::BhvitSegmentation(const BhvitSegmentationConfig& config_) : config(config_) {
  config.validate();
  const auto& b = config.backbone;
  const int64_t f = config.fpn_dim;
  backbone = register_module("backbone", BhvitBackbone(b));
  lateral = register_module("lateral", torch::nn::ModuleList());
  for (int64_t c : b.dims) lateral->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(c, f, 1)));
  fuse = register_module(
      "fuse", torch::nn::Conv2d(torch::nn::Conv2dOptions(f, f, 3).padding(1).bias(false)));
  fuse_norm = register_module("fuse_norm", torch::nn::BatchNorm2d(f));
  classifier = register_module("classifier",
                               torch::nn::Conv2d(torch::nn::Conv2dOptions(f, b.num_classes, 1)));
}

torch::Tensor BhvitSegmentation::forward(const torch::Tensor& images) {
  namespace F = torch::nn::functional;
  const auto& b = config.backbone;
  const std::vector<torch::Tensor> stages = backbone->forward_stages(images);
  torch::Tensor top_down;
  for (int64_t s = b.stages() - 1; s >= 0; --s) {
    const torch::Tensor map =
        functional::tokens_to_map(stages[static_cast<size_t>(s)], b.map_side(s));
    const torch::Tensor level =
        lateral->ptr(static_cast<size_t>(s))->as<torch::nn::Conv2d>()->forward(map);
    top_down = top_down.defined()
                   ? level + top_down.repeat_interleave(2, 2).repeat_interleave(2, 3)
                   : level;
  }
  const torch::Tensor fused = torch::relu(fuse_norm->forward(fuse->forward(top_down)));
  return F::interpolate(classifier->forward(fused),
                        F::InterpolateFuncOptions()
                            .size(std::vector<int64_t>{b.image_size, b.image_size})
                            .mode(torch::kBilinear)
                            .align_corners(false));
}

torch::Tensor BhvitSegmentation::weight_oscillation_regularizer() {
  return nn::weight_oscillation_loss(backbone->binary_block_weights());
}

ModelSummary BhvitSegmentation::summary() const {
  const auto& b = config.backbone;
  const int64_t f = config.fpn_dim, side = b.map_side(0);
  ModelSummary s;
  s.model = "bhvit-seg";
  s.input_shape = input_shape();
  backbone->add_costs("", s.layers);
  for (int64_t i = 0; i < b.stages(); ++i) {
    const auto& conv = *lateral->ptr(static_cast<size_t>(i))->as<torch::nn::Conv2d>();
    const int64_t n = b.tokens(i);
    s.layers.push_back(weighted_layer_cost(
        "lateral." + std::to_string(i), "Conv2d", conv, conv.weight, 32, 32,
        static_cast<double>(n * b.dims[static_cast<size_t>(i)] * f), {f, b.map_side(i), b.map_side(i)}));
  }
  const auto pixels = static_cast<double>(side * side);
  s.layers.push_back(weighted_layer_cost("fuse", "Conv2d", *fuse, fuse->weight, 32, 32,
                                         pixels * f * f * 9, {f, side, side}));
  s.layers.push_back(plain_layer_cost("fuse_norm", "BatchNorm2d", count_parameters(*fuse_norm), 0,
                                      0, "A32", {f, side, side}));
  s.layers.push_back(weighted_layer_cost("classifier", "Conv2d", *classifier, classifier->weight,
                                         32, 32, pixels * f * b.num_classes,
                                         {b.num_classes, b.image_size, b.image_size}));
  return s;
}

}  // namespace binvit::nn
