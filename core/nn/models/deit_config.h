#pragma once
// Configuration of the DeiT family: the float teacher, GSB's stage-1 and final (stage-2) models,
// and the BiT-style baseline binary DeiT (ALGORITHMS.md 2.1-2.2). Plain data with a JSON
// round trip; validate() names the offending field.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace binvit::nn {

enum class DeitVariant {
  Float,     // the float teacher
  GsbStage1, // only MLP weights binary; float patch embedding with BatchNorm
  Baseline,  // binary qkv/proj/fc1/fc2 and q/k, baseline {0, alpha} attention, sign V
  Gsb        // the final GSB model: group superposition of attention and V
};

std::string to_string(DeitVariant variant);
DeitVariant parse_deit_variant(const std::string& name);  // float | gsb-stage1 | baseline | gsb

struct DeitConfig {
  DeitVariant variant = DeitVariant::Gsb;
  int64_t image_size = 224;
  int64_t in_channels = 3;
  int64_t patch_size = 16;
  int64_t num_classes = 1000;
  int64_t embed_dim = 384;
  int64_t depth = 12;
  int64_t heads = 6;
  double mlp_ratio = 4.0;
  bool distillation_token = true;
  double layer_norm_eps = 1e-12;  // the released code's value
  // Binarization (ignored by the float variant).
  std::string weight_binarization = "bwn";  // bwn | bwn-channel
  int64_t attention_components = 3;
  std::vector<double> attention_taus{0.7, 0.9};
  int64_t value_components = 3;
  std::vector<double> value_taus{0.7, 0.9};
  std::string threshold_scope = "image";  // batch | image | row
  bool post_softmax_bias = true;          // GSB's learnable P (H x N x N per layer)
  bool released_init = false;             // store the released code's uncorrected first scales

  int64_t patches() const { return (image_size / patch_size) * (image_size / patch_size); }
  int64_t tokens() const { return patches() + (distillation_token ? 2 : 1); }
  int64_t head_dim() const { return embed_dim / heads; }
  int64_t mlp_hidden() const;

  // Throws std::invalid_argument naming the field and the expected value.
  void validate() const;
};

nlohmann::json to_json(const DeitConfig& config);
// Unknown fields are an error (a typo must not silently fall back to a default).
DeitConfig deit_config_from_json(const nlohmann::json& json);

}  // namespace binvit::nn
