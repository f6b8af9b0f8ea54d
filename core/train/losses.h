#pragma once
// The training losses of the recipes, returned with their parts so metrics.jsonl and the plots
// can show each one.

#include <torch/types.h>

namespace binvit::train {

struct LossParts {
  torch::Tensor total;
  torch::Tensor ce;       // cross-entropy with the labels (undefined when not used)
  torch::Tensor distill;  // distillation term (undefined when not used)
  torch::Tensor regularizer;
};

// DeiT's hard-label distillation (ALGORITHMS.md 2.5):
// (1 - w) CE(class_logits, labels) + w CE(distillation_logits, argmax teacher_logits).
// Without a teacher (undefined teacher_logits) both heads learn the labels, each with weight 1/2.
LossParts hard_distillation_loss(const torch::Tensor& class_logits,
                                 const torch::Tensor& distillation_logits,
                                 const torch::Tensor& labels, const torch::Tensor& teacher_logits,
                                 double weight);

// BHViT (ALGORITHMS.md 3.7): (1 - lambda - beta) CE + lambda KD + beta L_re, where KD is
// T^2 KL(softmax(t/T) || softmax(s/T)) (soft) or CE with the teacher's argmax (hard). With
// `released`, the CE term is dropped and KD weighs (1 - beta).
struct BhvitLossWeights {
  double lambda = 0.5;
  double beta = 0.01;
  bool soft = true;
  double temperature = 1.0;
  bool released = false;
};
LossParts bhvit_loss(const torch::Tensor& logits, const torch::Tensor& labels,
                     const torch::Tensor& teacher_logits, const torch::Tensor& regularizer,
                     const BhvitLossWeights& weights);

// Segmentation (ALGORITHMS.md 3.8 with 3.7's regulariser): per-pixel CE over logits (N, C, H, W)
// and masks (N, H, W), pixels labelled `ignore_index` left out (a batch with none counted has a
// CE of 0), plus beta L_re as (1 - beta) CE + beta L_re when `regularizer` is defined.
LossParts segmentation_loss(const torch::Tensor& logits, const torch::Tensor& masks,
                            const torch::Tensor& regularizer, double beta, int64_t ignore_index);

}  // namespace binvit::train
