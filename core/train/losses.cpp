#include "core/train/losses.h"

#include <torch/nn/functional/loss.h>
#include <torch/torch.h>

namespace binvit::train {

LossParts hard_distillation_loss(const torch::Tensor& class_logits,
                                 const torch::Tensor& distillation_logits,
                                 const torch::Tensor& labels, const torch::Tensor& teacher_logits,
                                 double weight) {
  LossParts parts;
  parts.ce = torch::cross_entropy_loss(class_logits, labels);
  if (!distillation_logits.defined()) {
    parts.total = parts.ce;
    return parts;
  }
  if (teacher_logits.defined()) {
    const torch::Tensor teacher_labels = teacher_logits.argmax(1);
    parts.distill = torch::cross_entropy_loss(distillation_logits, teacher_labels);
    parts.total = (1.0 - weight) * parts.ce + weight * parts.distill;
  } else {
    parts.distill = torch::cross_entropy_loss(distillation_logits, labels);
    parts.total = 0.5 * parts.ce + 0.5 * parts.distill;
  }
  return parts;
}

LossParts bhvit_loss(const torch::Tensor& logits, const torch::Tensor& labels,
                     const torch::Tensor& teacher_logits, const torch::Tensor& regularizer,
                     const BhvitLossWeights& w) {
  LossParts parts;
  parts.ce = torch::cross_entropy_loss(logits, labels);
  if (w.soft) {
    const double t = w.temperature;
    const torch::Tensor log_student = torch::log_softmax(logits / t, 1);
    const torch::Tensor log_teacher = torch::log_softmax(teacher_logits / t, 1);
    // KL(teacher || student), averaged over the batch, scaled by T^2 as Hinton et al.
    parts.distill = (log_teacher.exp() * (log_teacher - log_student)).sum(1).mean() * (t * t);
  } else {
    parts.distill = torch::cross_entropy_loss(logits, teacher_logits.argmax(1));
  }
  parts.regularizer = regularizer.defined() ? regularizer : torch::zeros({}, logits.options());
  if (w.released) {
    parts.total = (1.0 - w.beta) * parts.distill + w.beta * parts.regularizer;
  } else {
    parts.total = (1.0 - w.lambda - w.beta) * parts.ce + w.lambda * parts.distill +
                  w.beta * parts.regularizer;
  }
  return parts;
}

LossParts segmentation_loss(const torch::Tensor& logits, const torch::Tensor& masks,
                            const torch::Tensor& regularizer, double beta, int64_t ignore_index) {
  LossParts parts;
  if ((masks != ignore_index).any().item<bool>()) {
    parts.ce = torch::nn::functional::cross_entropy(
        logits, masks, torch::nn::functional::CrossEntropyFuncOptions().ignore_index(ignore_index));
  } else {
    parts.ce = logits.sum() * 0.0;  // the mean over no pixels would be NaN
  }
  if (!regularizer.defined()) {
    parts.total = parts.ce;
    return parts;
  }
  parts.regularizer = regularizer;
  parts.total = (1.0 - beta) * parts.ce + beta * regularizer;
  return parts;
}

}  // namespace binvit::train
