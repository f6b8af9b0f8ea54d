#pragma once
// GSB's attention output O = A_q . V_q computed the way the packed engine computes it
// (core/runtime/kernels/attention_values.h), so that the training-time simulation and the engine
// agree bit for bit (PERFORMANCE.md "Agreement"): with A_q = sum_i a_i B_i ({0,1} maps) and
// V_q = sum_j b_j S_j (ternary components),
//
//   C_ij = B_i . S_j                                 exact integers
//   O    = fma(C_ij, fl(a_i b_j), ...) from 0, i outer, j inner    one rounding per term
//
// A float matmul of the superposed levels is mathematically the same, but it rounds the levels
// and every partial sum: where the exact value is 0 (e.g. as many +1 as -1 values among the
// attended keys, common on images with many identical background tokens) it leaves a residue of
// about 1e-9 of either sign, and the next binarizer (proj's, sgn(0) = +1) then disagrees with the
// engine.
//
// Gradients are those of the plain matmul of the superposed tensors, dA_q = g V_q^T and
// dV_q = A_q^T g, so the quantizers' straight-through rules (ALGORITHMS.md 2.3) are unchanged.

#include <torch/torch.h>

namespace binvit::nn::functional {

// A superposed tensor and the parts it is the sum of.
struct Superposed {
  torch::Tensor value;   // sum_k scales_k parts_k, carrying the quantizer's gradients
  torch::Tensor parts;   // (K, value.shape): {0,1} maps or {-1,0,1} components; no gradient
  torch::Tensor scales;  // (K): the (clamped) scales the value was formed with; no gradient
};

// attention (..., N, M) and value (..., M, d) superposed, with the same leading dimensions.
// float32 on the CPU only; other tensors fall back to torch::matmul(attention.value, value.value).
// Either side without parts (a quantizer switched off) falls back as well.
torch::Tensor superposed_matmul(const Superposed& attention, const Superposed& value);

}  // namespace binvit::nn::functional
