#pragma once
// LSQ fake quantization (Esser et al., ALGORITHMS.md 1.7): step * clip(round(x/step), qmin, qmax).
// `step` broadcasts against x (one value per tensor, or per output channel for weights).

#include <torch/torch.h>

namespace binvit::nn::functional {

struct IntegerRange {
  int64_t qmin = -127;
  int64_t qmax = 127;
};

// Symmetric signed range of `bits` bits, e.g. [-128, 127] for 8 (the released code's range).
IntegerRange signed_range(int bits);
// [0, 2^bits - 1].
IntegerRange unsigned_range(int bits);

// With v = x/step: dx = g 1{qmin <= v <= qmax};
// dstep = grad_scale * sum(g (1{v < qmin} qmin + 1{v > qmax} qmax + inside (round(v) - v))),
// summed over the elements that share a step. LSQ's grad_scale is 1/sqrt(n_per_step * qmax).
torch::Tensor lsq_quantize(const torch::Tensor& x, const torch::Tensor& step, IntegerRange range,
                           double grad_scale);

// The LSQ gradient scale 1/sqrt(n_per_step * qmax).
double lsq_grad_scale(int64_t elements_per_step, IntegerRange range);

}  // namespace binvit::nn::functional
