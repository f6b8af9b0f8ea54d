#pragma once
// Every quantizer and binary layer can be switched to identity (float pass-through). With all of
// them off, a binary model computes exactly its float counterpart with the same weights, which
// proves the plumbing; the inspector also uses it to compare a layer with and without
// binarization. Switched-off quantizers do not initialise their scales.

#include <torch/torch.h>

namespace binvit::nn {

class QuantizationSwitch {
 public:
  virtual ~QuantizationSwitch() = default;
  bool quantization_enabled() const { return enabled_; }
  void set_quantization_enabled(bool enabled) { enabled_ = enabled; }

 private:
  bool enabled_ = true;
};

// Sets the switch of every module below (and including) `root` that has one; returns how many.
inline int set_quantization_enabled(torch::nn::Module& root, bool enabled) {
  int switched = 0;
  for (const auto& module : root.modules(/*include_self=*/true)) {
    if (auto* s = dynamic_cast<QuantizationSwitch*>(module.get())) {
      s->set_quantization_enabled(enabled);
      ++switched;
    }
  }
  return switched;
}

}  // namespace binvit::nn
