#include "core/nn/io/released_gsb_names.h"

#include <unordered_map>
#include <unordered_set>

namespace binvit::nn {
namespace {

bool binary_variant(const DeitConfig& c) {
  return c.variant == DeitVariant::Baseline || c.variant == DeitVariant::Gsb;
}

void add_linear_pairs(std::vector<ReleasedNamePair>& pairs, const std::string& prefix) {
  pairs.push_back({prefix + "input_quantizer.elastic.alpha", {prefix + "input_clip_val"},
                   NameTransform::Scalar});
  pairs.push_back({prefix + "input_quantizer.elastic.shift", {prefix + "move.bias"},
                   NameTransform::Same});
}

void add_superposition_pair(std::vector<ReleasedNamePair>& pairs, const std::string& ours,
                            const std::string& released_stem, int64_t components) {
  const std::vector<std::string> names{released_stem, released_stem + "2", released_stem + "3"};
  if (components > static_cast<int64_t>(names.size())) return;  // no released counterpart
  pairs.push_back({ours, {names.begin(), names.begin() + components}, NameTransform::Stack});
}

void add_attention_pairs(std::vector<ReleasedNamePair>& pairs, const DeitConfig& c,
                         const std::string& attn) {
  const bool gsb = c.variant == DeitVariant::Gsb;
  pairs.push_back({attn + "query_binarizer.alpha", {attn + "clip_query"}, NameTransform::Scalar});
  pairs.push_back({attn + "query_binarizer.shift", {attn + "move_q.bias"}, NameTransform::Same});
  pairs.push_back({attn + "key_binarizer.alpha", {attn + "clip_key"}, NameTransform::Scalar});
  pairs.push_back({attn + "key_binarizer.shift", {attn + "move_k.bias"}, NameTransform::Same});
  pairs.push_back({attn + "value_shift", {attn + "move_v.bias"}, NameTransform::Same});
  add_superposition_pair(pairs, attn + "value_quantizer.beta", attn + "clip_value",
                         gsb ? c.value_components : 1);
  add_superposition_pair(pairs, attn + "attention_quantizer.alpha", attn + "clip_attn",
                         gsb ? c.attention_components : 1);
  if (gsb && c.post_softmax_bias) {
    pairs.push_back({attn + "attention_bias", {attn + "move_att.bias"}, NameTransform::Same});
  }
  add_linear_pairs(pairs, attn + "qkv.");
  add_linear_pairs(pairs, attn + "proj.");
}

void add_head_pairs(std::vector<ReleasedNamePair>& pairs, const std::string& head) {
  pairs.push_back({head + ".weight_quantizer.step", {head + ".weight_clip_val"},
                   NameTransform::Broadcast});
  pairs.push_back({head + ".input_quantizer.step", {head + ".input_clip_val"}, NameTransform::Scalar});
  pairs.push_back({head + ".input_shift", {head + ".move.bias"}, NameTransform::Same});
}

// "a.b.alpha" -> "a.b.initialized": the flag of the quantizer that owns a scale.
std::string init_flag_of(const std::string& scale_name) {
  return scale_name.substr(0, scale_name.rfind('.') + 1) + "initialized";
}

bool is_quantizer_scale(const std::string& name) {
  for (const char* suffix : {".alpha", ".beta", ".step"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<ReleasedNamePair> released_gsb_name_pairs(const DeitConfig& c) {
  std::vector<ReleasedNamePair> pairs;
  if (!binary_variant(c)) return pairs;  // float and stage-1 names coincide with the released ones
  pairs.push_back({"patch_embed.proj.weight_quantizer.step", {"patch_embed.proj.alpha"},
                   NameTransform::Same});
  for (int64_t i = 0; i < c.depth; ++i) {
    const std::string block = "blocks." + std::to_string(i) + ".";
    add_attention_pairs(pairs, c, block + "attn.");
    add_linear_pairs(pairs, block + "mlp.fc1.");
    add_linear_pairs(pairs, block + "mlp.fc2.");
  }
  add_head_pairs(pairs, "head");
  if (c.distillation_token) add_head_pairs(pairs, "head_dist");
  return pairs;
}

NamedTensors from_released_gsb(const NamedTensors& released, const DeitConfig& config) {
  std::unordered_map<std::string, torch::Tensor> by_name(released.begin(), released.end());
  std::unordered_set<std::string> consumed;
  NamedTensors ours;
  for (const ReleasedNamePair& pair : released_gsb_name_pairs(config)) {
    std::vector<torch::Tensor> parts;
    for (const auto& name : pair.released) {
      const auto found = by_name.find(name);
      if (found != by_name.end()) parts.push_back(found->second);
    }
    if (parts.size() != pair.released.size()) continue;  // reported as missing by the load
    for (const auto& name : pair.released) consumed.insert(name);
    torch::Tensor value;
    switch (pair.transform) {
      case NameTransform::Same:
        value = parts[0];
        break;
      case NameTransform::Scalar:
        value = parts[0].reshape({-1});
        break;
      case NameTransform::Broadcast:  // only the heads' weight step: one per class here
        // The released code has one step for the whole head; a file we wrote has one per class.
        value = parts[0].numel() == 1 ? parts[0].reshape({1}).repeat({config.num_classes})
                                      : parts[0].reshape({-1});
        break;
      case NameTransform::Stack:
        value = torch::stack(parts).reshape({-1});
        break;
    }
    ours.emplace_back(pair.ours, value);
    if (is_quantizer_scale(pair.ours)) {
      // The released AlphaInit treats exactly 1.0 as "not yet initialised from data".
      const bool trained = !(value == 1.0).all().item<bool>();
      ours.emplace_back(init_flag_of(pair.ours),
                        torch::full({1}, trained ? 1 : 0, torch::kUInt8));
    }
  }
  for (const auto& [name, tensor] : released) {
    if (!consumed.count(name)) ours.emplace_back(name, tensor);
  }
  return ours;
}

NamedTensors to_released_gsb(const NamedTensors& ours, const DeitConfig& config) {
  std::unordered_map<std::string, const ReleasedNamePair*> pair_of;
  const auto pairs = released_gsb_name_pairs(config);
  for (const auto& pair : pairs) pair_of.emplace(pair.ours, &pair);
  NamedTensors released;
  for (const auto& [name, tensor] : ours) {
    if (name.size() >= 11 && name.compare(name.size() - 11, 11, "initialized") == 0) continue;
    const auto found = pair_of.find(name);
    if (found == pair_of.end()) {
      released.emplace_back(name, tensor);
      continue;
    }
    const ReleasedNamePair& pair = *found->second;
    switch (pair.transform) {
      case NameTransform::Same:
      case NameTransform::Broadcast:
        released.emplace_back(pair.released[0], tensor);
        break;
      case NameTransform::Scalar:
        released.emplace_back(pair.released[0], tensor.reshape({}));
        break;
      case NameTransform::Stack:
        for (size_t k = 0; k < pair.released.size(); ++k) {
          released.emplace_back(pair.released[k], tensor[static_cast<int64_t>(k)].clone());
        }
        break;
    }
  }
  return released;
}

}  // namespace binvit::nn
