#pragma once
// What the inspector sees inside a model: for every attention module the float attention
// probabilities, the quantized attention and its binary components, the value components and the
// learned scales; for every binary layer the binarized input activations. Capture is off by
// default and costs one pointer test per module when off; when on, tensors are detached copies.

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace binvit::nn {

struct AttentionRecord {
  std::string layer;                 // e.g. "blocks.3.attn"
  torch::Tensor probabilities;       // softmax(q k^T / sqrt(d)), (B, H, N, N)
  torch::Tensor quantized;           // A_q, (B, H, N, N); undefined in float models
  torch::Tensor base_map;            // clip(round(A/a1), 0, 1), (B, H, N, N)
  torch::Tensor attention_masks;     // M2, M3, ...: (K-1, B, H, N, N)
  torch::Tensor value_signs;         // sgn(v~), (B, H, N, d)
  torch::Tensor value_groups;        // G2, G3, ...: (K-1, B, H, N, d)
  torch::Tensor attention_scales;    // a_1..a_K
  torch::Tensor value_scales;        // b_1..b_K
  // BHViT's QD attention (ALGORITHMS.md 3.6): the s binary maps whose alpha-weighted sum is A_q,
  // (s, B', H, N, N), and the per-head zero points (attention_scales then holds the alphas).
  torch::Tensor qd_maps;
  torch::Tensor attention_zero_points;
  // BHViT: the float Q, K, V token projections before their second shift and sign, (B', N, C);
  // engine verification recomputes the signs from them and feeds them to the engine.
  torch::Tensor query_input, key_input, value_input;
  // BHViT attends inside windows: a record's batch dimension B' is images x windows_per_image,
  // and of its N tokens the first window_tokens are window positions, the rest merged tokens.
  int64_t windows_per_image = 1;
  int64_t window_tokens = 0;  // 0: every token is a plain token (DeiT)
};

struct ActivationRecord {
  std::string layer;                 // e.g. "blocks.0.mlp.fc1"
  torch::Tensor binarized;           // the +-alpha / {0, alpha} / +-1 input of the binary product
  torch::Tensor input;               // the float input before binarization (engine verification)
};

struct InspectionCapture {
  std::vector<AttentionRecord> attention;
  std::vector<ActivationRecord> activations;
};

// Mixed into modules that can record; `name` is the module's dotted path in the model.
class CaptureTarget {
 public:
  virtual ~CaptureTarget() = default;
  void attach_capture(std::shared_ptr<InspectionCapture> capture, std::string name) {
    capture_ = std::move(capture);
    capture_name_ = std::move(name);
  }

 protected:
  InspectionCapture* capture() const { return capture_.get(); }
  const std::string& capture_name() const { return capture_name_; }

 private:
  std::shared_ptr<InspectionCapture> capture_;
  std::string capture_name_;
};

// Attaches `capture` (or detaches, with nullptr) to every capturing module of `model`.
inline void set_inspection_capture(torch::nn::Module& model,
                                   const std::shared_ptr<InspectionCapture>& capture) {
  for (const auto& item : model.named_modules()) {
    if (auto* target = dynamic_cast<CaptureTarget*>(item.value().get())) {
      target->attach_capture(capture, item.key());
    }
  }
}

}  // namespace binvit::nn
