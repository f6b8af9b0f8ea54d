#include "core/nn/models/deit_config.h"

#include "core/nn/functional/threshold_scope.h"

#include <cmath>
#include <stdexcept>

namespace binvit::nn {
namespace {

void require(bool condition, const std::string& field, const std::string& expectation) {
  if (!condition) throw std::invalid_argument("model config field '" + field + "' " + expectation);
}

void validate_taus(const std::vector<double>& taus, int64_t components, const std::string& field) {
  require(static_cast<int64_t>(taus.size()) == components - 1, field,
          "must hold components - 1 = " + std::to_string(components - 1) + " thresholds, has " +
              std::to_string(taus.size()));
  double previous = 0.0;
  for (double tau : taus) {
    require(tau > previous && tau < 1.0, field,
            "must be increasing values inside (0, 1), got " + std::to_string(tau));
    previous = tau;
  }
}

template <typename T>
void read_field(const nlohmann::json& json, const char* name, T& value) {
  if (!json.contains(name)) return;
  try {
    value = json.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument(std::string("model config field '") + name + "' has the wrong type: " +
                                json.at(name).dump());
  }
}

}  // namespace

std::string to_string(DeitVariant variant) {
  switch (variant) {
    case DeitVariant::Float:
      return "float";
    case DeitVariant::GsbStage1:
      return "gsb-stage1";
    case DeitVariant::Baseline:
      return "baseline";
    case DeitVariant::Gsb:
      return "gsb";
  }
  return "unknown";
}

DeitVariant parse_deit_variant(const std::string& name) {
  for (DeitVariant v : {DeitVariant::Float, DeitVariant::GsbStage1, DeitVariant::Baseline,
                        DeitVariant::Gsb}) {
    if (to_string(v) == name) return v;
  }
  throw std::invalid_argument("model config field 'variant' must be one of float, gsb-stage1, "
                              "baseline, gsb; got '" + name + "'");
}

int64_t DeitConfig::mlp_hidden() const {
  return static_cast<int64_t>(std::llround(static_cast<double>(embed_dim) * mlp_ratio));
}

void DeitConfig::validate() const {
  require(image_size > 0, "image_size", "must be positive");
  require(in_channels > 0, "in_channels", "must be positive");
  require(patch_size > 0 && image_size % patch_size == 0, "patch_size",
          "must divide image_size = " + std::to_string(image_size) + ", got " +
              std::to_string(patch_size));
  require(num_classes > 1, "num_classes", "must be at least 2");
  require(embed_dim > 0, "embed_dim", "must be positive");
  require(heads > 0 && embed_dim % heads == 0, "heads",
          "must divide embed_dim = " + std::to_string(embed_dim) + ", got " + std::to_string(heads));
  require(depth > 0, "depth", "must be positive");
  require(mlp_ratio > 0 && mlp_hidden() > 0, "mlp_ratio", "must be positive");
  require(layer_norm_eps > 0, "layer_norm_eps", "must be positive");
  require(weight_binarization == "bwn" || weight_binarization == "bwn-channel",
          "weight_binarization", "must be bwn or bwn-channel, got '" + weight_binarization + "'");
  require(attention_components >= 1, "attention_components", "must be at least 1");
  require(value_components >= 1, "value_components", "must be at least 1");
  validate_taus(attention_taus, attention_components, "attention_taus");
  validate_taus(value_taus, value_components, "value_taus");
  try {
    functional::parse_threshold_scope(threshold_scope);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("model config field 'threshold_scope': ") + error.what());
  }
}

nlohmann::json to_json(const DeitConfig& c) {
  return {{"family", "deit"},
          {"variant", to_string(c.variant)},
          {"image_size", c.image_size},
          {"in_channels", c.in_channels},
          {"patch_size", c.patch_size},
          {"num_classes", c.num_classes},
          {"embed_dim", c.embed_dim},
          {"depth", c.depth},
          {"heads", c.heads},
          {"mlp_ratio", c.mlp_ratio},
          {"distillation_token", c.distillation_token},
          {"layer_norm_eps", c.layer_norm_eps},
          {"weight_binarization", c.weight_binarization},
          {"attention_components", c.attention_components},
          {"attention_taus", c.attention_taus},
          {"value_components", c.value_components},
          {"value_taus", c.value_taus},
          {"threshold_scope", c.threshold_scope},
          {"post_softmax_bias", c.post_softmax_bias},
          {"released_init", c.released_init}};
}

DeitConfig deit_config_from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw std::invalid_argument("a model config must be a JSON object");
  const nlohmann::json known = to_json(DeitConfig{});
  for (const auto& item : json.items()) {
    if (!known.contains(item.key())) {
      throw std::invalid_argument("model config has an unknown field '" + item.key() + "'");
    }
  }
  DeitConfig c;
  std::string family = "deit";
  read_field(json, "family", family);
  if (family != "deit") {
    throw std::invalid_argument("model config field 'family' must be 'deit' here, got '" + family + "'");
  }
  std::string variant = to_string(c.variant);
  read_field(json, "variant", variant);
  c.variant = parse_deit_variant(variant);
  read_field(json, "image_size", c.image_size);
  read_field(json, "in_channels", c.in_channels);
  read_field(json, "patch_size", c.patch_size);
  read_field(json, "num_classes", c.num_classes);
  read_field(json, "embed_dim", c.embed_dim);
  read_field(json, "depth", c.depth);
  read_field(json, "heads", c.heads);
  read_field(json, "mlp_ratio", c.mlp_ratio);
  read_field(json, "distillation_token", c.distillation_token);
  read_field(json, "layer_norm_eps", c.layer_norm_eps);
  read_field(json, "weight_binarization", c.weight_binarization);
  read_field(json, "attention_components", c.attention_components);
  read_field(json, "attention_taus", c.attention_taus);
  read_field(json, "value_components", c.value_components);
  read_field(json, "value_taus", c.value_taus);
  read_field(json, "threshold_scope", c.threshold_scope);
  read_field(json, "post_softmax_bias", c.post_softmax_bias);
  read_field(json, "released_init", c.released_init);
  c.validate();
  return c;
}

}  // namespace binvit::nn
