#include "core/nn/functional/superposed_product.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <vector>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Rows [begin, end) of out[r][c] = sum over i, j of fma(counts, scales[i][j], .), in the
// engine's order. counts is (rows / n, maps * n, comps * d): query q of map i is row i * n + q of
// its batch entry. Compiled twice, with and without FMA instructions, and chosen at load time:
// std::fma is exact either way (glibc's fmaf), the FMA clone is vectorised.
__attribute__((target_clones("fma", "default"))) void combine_counts(
    const float* counts, const float* scales, int64_t begin, int64_t end, int64_t n, int64_t d,
    int64_t maps, int64_t comps, float* out) {
  for (int64_t row = begin; row < end; ++row) {
    const int64_t b = row / n, q = row % n;
    float* o = out + row * d;
    for (int64_t c = 0; c < d; ++c) o[c] = 0.0f;
    for (int64_t i = 0; i < maps; ++i) {
      const float* line = counts + ((b * maps + i) * n + q) * comps * d;
      for (int64_t j = 0; j < comps; ++j) {
        const float s = scales[i * comps + j];
        const float* x = line + j * d;
        for (int64_t c = 0; c < d; ++c) o[c] = std::fma(x[c], s, o[c]);
      }
    }
  }
}

// (K, ..., r, c) -> (..., K * r, c) or (..., r, K * c): the parts side by side for one matmul.
torch::Tensor stack_rows(const torch::Tensor& parts) {
  std::vector<int64_t> shape = parts.sizes().vec();
  const int64_t k = shape.front();
  shape.erase(shape.begin());
  shape[shape.size() - 2] *= k;
  return parts.movedim(0, -3).reshape(shape);
}
torch::Tensor stack_columns(const torch::Tensor& parts) {
  std::vector<int64_t> shape = parts.sizes().vec();
  const int64_t k = shape.front();
  shape.erase(shape.begin());
  shape.back() *= k;
  return parts.movedim(0, -2).reshape(shape);
}

torch::Tensor exact_product(const torch::Tensor& a_parts, const torch::Tensor& a_scales,
                            const torch::Tensor& v_parts, const torch::Tensor& v_scales) {
  const int64_t maps = a_parts.size(0), comps = v_parts.size(0);
  const int64_t n = a_parts.size(-2), d = v_parts.size(-1);
  // Integers of magnitude <= M < 2^24: float sums of them are exact in any order, so BLAS may
  // block and vectorise as it likes.
  const torch::Tensor counts =
      torch::matmul(stack_rows(a_parts), stack_columns(v_parts)).contiguous();
  // fl(a_i * b_j) in float, as the engine forms them.
  const torch::Tensor scales =
      (a_scales.to(torch::kFloat).unsqueeze(1) * v_scales.to(torch::kFloat)).contiguous();
  std::vector<int64_t> shape = a_parts.sizes().vec();
  shape.erase(shape.begin());
  shape.back() = d;
  torch::Tensor out = torch::empty(shape, counts.options());
  const float* c = counts.data_ptr<float>();
  const float* s = scales.data_ptr<float>();
  float* o = out.data_ptr<float>();
  at::parallel_for(0, out.numel() / d, 16, [&](int64_t begin, int64_t end) {
    combine_counts(c, s, begin, end, n, d, maps, comps, o);
  });
  return out;
}

struct SuperposedMatmulFunction : torch::autograd::Function<SuperposedMatmulFunction> {
  // The value comes from the parts; the gradients go to the superposed tensors (the parts and
  // scales are constants here, their gradients flow through the quantizers).
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& attention,
                               const torch::Tensor& value, const torch::Tensor& a_parts,
                               const torch::Tensor& a_scales, const torch::Tensor& v_parts,
                               const torch::Tensor& v_scales) {
    ctx->save_for_backward({attention, value});
    return exact_product(a_parts, a_scales, v_parts, v_scales);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &attention = saved[0], &value = saved[1];
    const torch::Tensor& g = grad[0];
    return {torch::matmul(g, value.transpose(-2, -1)),
            torch::matmul(attention.transpose(-2, -1), g),
            torch::Tensor(),
            torch::Tensor(),
            torch::Tensor(),
            torch::Tensor()};
  }
};

}  // namespace

torch::Tensor superposed_matmul(const Superposed& attention, const Superposed& value) {
  const bool exact = attention.parts.defined() && value.parts.defined() &&
                     attention.value.scalar_type() == torch::kFloat &&
                     value.value.scalar_type() == torch::kFloat && attention.value.is_cpu() &&
                     value.value.is_cpu();
  if (!exact) return torch::matmul(attention.value, value.value);
  TORCH_CHECK(attention.parts.size(0) == attention.scales.numel() &&
                  value.parts.size(0) == value.scales.numel(),
              "superposed_matmul: one scale per part needed");
  return SuperposedMatmulFunction::apply(attention.value, value.value, attention.parts.detach(),
                                         attention.scales.detach(), value.parts.detach(),
                                         value.scales.detach());
}

}  // namespace binvit::nn::functional
