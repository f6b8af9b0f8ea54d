#include "core/nn/io/released_bhvit_names.h"

#include <unordered_map>

namespace binvit::nn {
namespace {

class NameTable {
 public:
  void same(const std::string& ours, const std::string& released) {
    names_.push_back({ours, released, {}, false});
  }
  void reshaped(const std::string& ours, const std::string& released, std::vector<int64_t> shape) {
    names_.push_back({ours, released, std::move(shape), false});
  }
  void init_flag(const std::string& ours, const std::string& released) {
    names_.push_back({ours, released, {}, true});
  }
  // BatchNorm (the released BatchNormT is a BatchNorm1d) and LayerNorm.
  void batch_norm(const std::string& ours, const std::string& released) {
    for (const char* leaf : {"weight", "bias", "running_mean", "running_var", "num_batches_tracked"}) {
      same(ours + "." + leaf, released + "." + leaf);
    }
  }
  void layer_norm(const std::string& ours, const std::string& released) {
    for (const char* leaf : {"weight", "bias"}) same(ours + "." + leaf, released + "." + leaf);
  }
  void rprelu(const std::string& ours, const std::string& released) {
    same(ours + ".gamma", released + ".move1");
    same(ours + ".slope", released + ".prelu.weight");
    same(ours + ".zeta", released + ".move2");
  }
  void layer_scale(const std::string& ours, const std::string& released) {
    same(ours + ".scale", released + ".alpha");
    same(ours + ".shift", released + ".move");
  }
  // A wrapped binary linear (3.2): the released code spells its four parts as siblings.
  void wrapper(const std::string& ours, const std::string& shift, const std::string& weight,
               const std::string& norm, const std::string& activation) {
    same(ours + ".shift", shift);
    same(ours + ".linear.weight", weight);
    batch_norm(ours + ".norm", norm);
    rprelu(ours + ".activation", activation);
  }

  std::vector<ReleasedBhvitName> take() { return std::move(names_); }

 private:
  std::vector<ReleasedBhvitName> names_;
};

void add_block_common(NameTable& t, const std::string& ours, const std::string& released,
                      bool shift_branches) {
  t.batch_norm(ours + "norm_before", released + "layernorm_before");
  t.batch_norm(ours + "norm_after", released + "layernorm_after");
  t.wrapper(ours + "mlp.expand", released + "intermediate.move",
            released + "intermediate.dense.weight", released + "intermediate.norm",
            released + "intermediate.rprelu");
  t.wrapper(ours + "mlp.reduce", released + "output.move", released + "output.dense.weight",
            released + "output.norm", released + "output.rprelu");
  t.layer_scale(ours + "mlp.scale", released + "output.layerscale");
  if (!shift_branches) return;
  for (const char* branch : {"h3", "w3", "c3", "h5", "w5", "c5"}) {
    // The released channel-split branch is "ch3"/"ch5".
    const std::string released_branch = branch[0] == 'c' ? std::string("ch") + branch[1] : branch;
    t.layer_scale(ours + "shifts." + branch, released + "layerscale_" + released_branch);
  }
}

void add_msgdc(NameTable& t, const std::string& ours, const std::string& released,
               int64_t channels, size_t dilations) {
  t.reshaped(ours + "shift", released + "move.bias", {1, channels, 1, 1});
  for (size_t k = 0; k < dilations; ++k) {
    const std::string index = std::to_string(k), number = std::to_string(k + 1);
    t.same(ours + "convs." + index + ".weight", released + "cov" + number + ".weight");
    t.same(ours + "convs." + index + ".bias", released + "cov" + number + ".bias");
    t.rprelu(ours + "activations." + index, released + "act" + number);
  }
  t.batch_norm(ours + "norm", released + "norm");
}

void add_msmha(NameTable& t, const std::string& ours, const std::string& attention,
               const std::string& output, int64_t channels) {
  t.reshaped(ours + "merge_weight", attention + "token_FA.a1", {1, 1, channels});
  t.layer_norm(ours + "token_norm", attention + "token_FA.norm");
  for (const auto& [name, letter] :
       {std::pair<const char*, const char*>{"query", "q"}, {"key", "k"}, {"value", "v"}}) {
    const std::string l(letter);
    t.wrapper(ours + name, attention + "move" + l, attention + name + ".weight",
              attention + "norm" + l, attention + "rprelu" + l);
    t.same(ours + name + "_shift", attention + "move" + l + "2");
  }
  t.same(ours + "attention_quantizer.alpha", attention + "att_prob_quantizer.alpha");
  t.same(ours + "attention_quantizer.zero_point", attention + "att_prob_quantizer.zero_point");
  t.init_flag(ours + "attention_quantizer.initialized", attention + "att_prob_quantizer.init_state");
  t.batch_norm(ours + "context_norm", attention + "norm_context");
  t.rprelu(ours + "context_activation", attention + "rprelu_context");
  t.reshaped(ours + "window_weight", attention + "parm", {1, channels, 1, 1});
  t.wrapper(ours + "output", output + "move", output + "dense.weight", output + "norm",
            output + "rprelu");
  t.layer_scale(ours + "output_scale", output + "layerscale");
}

void add_downsampling(NameTable& t, const std::string& ours, const std::string& released,
                      int64_t in_channels, bool binary) {
  t.batch_norm(ours + "norm_in", released + "norm0");
  t.same(ours + "conv.weight", released + "proj.weight");
  t.batch_norm(ours + "norm", released + "norm");
  t.same(ours + "position", released + "position_embeddings");
  if (!binary) return;
  t.reshaped(ours + "shift", released + "move", {1, in_channels, 1, 1});
  t.rprelu(ours + "activation", released + "rprelu");
}

}  // namespace

std::vector<ReleasedBhvitName> released_bhvit_names(const BhvitConfig& c) {
  NameTable t;
  t.same("backbone.stem.proj.weight", "vit.embeddings.patch_embeddings.proj.weight");
  t.same("backbone.stem.proj.bias", "vit.embeddings.patch_embeddings.proj.bias");
  t.batch_norm("backbone.stem.norm", "vit.embeddings.patch_embeddings.norm");
  t.same("backbone.stem.position", "vit.embeddings.position_embeddings");
  int64_t msgdc_blocks = 0, msmha_blocks = 0;
  for (int64_t s = 0; s < c.stages(); ++s) {
    const int64_t channels = c.dims[static_cast<size_t>(s)];
    for (int64_t i = 0; i < c.depths[static_cast<size_t>(s)]; ++i) {
      const std::string ours = "backbone.stages." + std::to_string(s) + "." + std::to_string(i) + ".";
      if (c.mixer(s) == BhvitMixer::Msgdc) {
        const std::string released = "vit.encoder.layerA." + std::to_string(msgdc_blocks++) + ".";
        add_block_common(t, ours, released, c.shift_branches);
        add_msgdc(t, ours + "msgdc.", released + "GC.", channels, c.msgdc_dilations.size());
      } else {
        const std::string released = "vit.encoder.layerB." + std::to_string(msmha_blocks++) + ".";
        add_block_common(t, ours, released, c.shift_branches);
        add_msmha(t, ours + "attention.", released + "attention.attention.",
                  released + "attention.output.", channels);
      }
    }
    if (s + 1 < c.stages()) {
      add_downsampling(t, "backbone.downsampling." + std::to_string(s) + ".",
                       "vit.encoder.patch_embed" + std::to_string(s + 1) + ".", channels,
                       !c.float_downsampling);
    }
  }
  t.batch_norm("norm", "vit.layernorm");
  t.same("head.weight", "classifier.weight");
  t.same("head.bias", "classifier.bias");
  return t.take();
}

NamedTensors from_released_bhvit(const NamedTensors& released, const BhvitConfig& config) {
  std::unordered_map<std::string, const ReleasedBhvitName*> by_released;
  const auto names = released_bhvit_names(config);
  for (const auto& name : names) by_released.emplace(name.released, &name);
  NamedTensors ours;
  for (const auto& [name, tensor] : released) {
    const auto found = by_released.find(name);
    if (found == by_released.end()) {
      ours.emplace_back(name, tensor);
      continue;
    }
    const ReleasedBhvitName& pair = *found->second;
    torch::Tensor value = tensor;
    if (pair.init_flag) {
      value = (tensor.reshape({-1}) != 0).to(torch::kUInt8);
    } else if (!pair.released_shape.empty()) {
      value = tensor.reshape({-1});
    }
    ours.emplace_back(pair.ours, value);
  }
  return ours;
}

NamedTensors to_released_bhvit(const NamedTensors& ours, const BhvitConfig& config) {
  std::unordered_map<std::string, const ReleasedBhvitName*> by_ours;
  const auto names = released_bhvit_names(config);
  for (const auto& name : names) by_ours.emplace(name.ours, &name);
  NamedTensors released;
  for (const auto& [name, tensor] : ours) {
    const auto found = by_ours.find(name);
    if (found == by_ours.end()) {
      released.emplace_back(name, tensor);
      continue;
    }
    const ReleasedBhvitName& pair = *found->second;
    torch::Tensor value = tensor;
    if (pair.init_flag) {
      value = tensor.to(torch::kFloat);
    } else if (!pair.released_shape.empty()) {
      value = tensor.reshape(pair.released_shape);
    }
    released.emplace_back(pair.released, value);
  }
  return released;
}

}  // namespace binvit::nn
