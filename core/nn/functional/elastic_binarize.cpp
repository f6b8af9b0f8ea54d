#include "core/nn/functional/elastic_binarize.h"

#include "core/nn/functional/chunked_sums.h"
#include "core/nn/functional/sign.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cmath>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

torch::Tensor as_dtype(const torch::Tensor& mask, const torch::Tensor& like) {
  return mask.to(like.dtype());
}

std::atomic<bool> fused_enabled{true};

bool takes_fused_path(const torch::Tensor& x, const torch::Tensor& alpha) {
  return fused_enabled.load() && x.scalar_type() == torch::kFloat && alpha.numel() == 1 &&
         x.numel() > 0;
}

torch::Tensor fused_forward(const torch::Tensor& x, float scale, bool is_signed) {
  torch::Tensor out = torch::empty_like(x);
  const float* in = x.data_ptr<float>();
  float* o = out.data_ptr<float>();
  at::parallel_for(0, x.numel(), kSumChunk, [&](int64_t begin, int64_t end) {
    if (is_signed) {
      for (int64_t i = begin; i < end; ++i) o[i] = in[i] >= 0.0f ? scale : -scale;
    } else {
      for (int64_t i = begin; i < end; ++i) o[i] = scale * unit_level_of(in[i] / scale);
    }
  });
  return out;
}

// Elements per block of the backward: the input gradient and alpha's per-element terms of a
// block are computed in one branch-free (vectorizable) pass, then the terms are summed in double.
constexpr int64_t kBlock = 512;

// gx = g * 1{inside}; term = g * (sgn(x) - 1{|x| <= s} x / s)  (signed)
//                          or g * (1{r > 1} + 1{0 <= r <= 1} (round(r) - r)), r = x / s
void backward_block(const float* __restrict in, const float* __restrict g, float* __restrict gx,
                    float* __restrict term, int64_t n, float scale, bool is_signed) {
  // Masks as 0/1 floats and products instead of branches: the same values as the reference's
  // tensor expressions (g * inside, ...), and a loop the compiler vectorizes.
  if (is_signed) {
    const float low = -scale;
    for (int64_t i = 0; i < n; ++i) {
      const float x = in[i];
      const float inside = (x <= scale) & (x >= low) ? 1.0f : 0.0f;
      const float sign = binary_sign_of(x);
      gx[i] = g[i] * inside;
      term[i] = g[i] * (sign - inside * (x / scale));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      const float r = in[i] / scale;
      const float inside = (r >= 0.0f) & (r <= 1.0f) ? 1.0f : 0.0f;
      const float above = r > 1.0f ? 1.0f : 0.0f;
      gx[i] = g[i] * inside;
      term[i] = g[i] * (above + inside * (unit_level_of(r) - r));
    }
  }
}

// Four independent chains, so the double additions do not wait on each other.
double sum_in_double(const float* v, int64_t n) {
  double s[4] = {0.0, 0.0, 0.0, 0.0};
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (int lane = 0; lane < 4; ++lane) s[lane] += static_cast<double>(v[i + lane]);
  }
  for (; i < n; ++i) s[0] += static_cast<double>(v[i]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

// One pass: the input gradient, and the sum of alpha's per-element terms (in double).
std::pair<torch::Tensor, double> fused_backward(const torch::Tensor& x, float scale,
                                                const torch::Tensor& grad, bool is_signed) {
  const torch::Tensor g = grad.contiguous().to(torch::kFloat);
  torch::Tensor grad_x = torch::empty_like(x);
  const float* in = x.data_ptr<float>();
  const float* gp = g.data_ptr<float>();
  float* gx = grad_x.data_ptr<float>();
  const std::vector<double> total =
      chunked_sums(x.numel(), 1, [&](int64_t lo, int64_t hi, double* sum) {
        float terms[kBlock];
        for (int64_t b = lo; b < hi; b += kBlock) {
          const int64_t count = std::min(kBlock, hi - b);
          backward_block(in + b, gp + b, gx + b, terms, count, scale, is_signed);
          sum[0] += sum_in_double(terms, count);
        }
      });
  return {grad_x, total[0]};
}

// The fused path of both binarizers: forward, and a backward that matches the reference formulas.
struct FusedElasticFunction : torch::autograd::Function<FusedElasticFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& input,
                               const torch::Tensor& alpha, bool is_signed) {
    // Per-head q/k arrive as strided views; one copy is still far cheaper than the composite.
    const torch::Tensor x = input.contiguous();
    const float scale = std::max(alpha.item<float>(), static_cast<float>(kMinScale));
    ctx->save_for_backward({x, alpha});
    ctx->saved_data["signed"] = is_signed;
    return fused_forward(x, scale, is_signed);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &x = saved[0], &alpha = saved[1];
    const float scale = std::max(alpha.item<float>(), static_cast<float>(kMinScale));
    auto [grad_x, sum] = fused_backward(x, scale, grad[0], ctx->saved_data["signed"].toBool());
    const double grad_scale = 1.0 / std::sqrt(static_cast<double>(x.numel()));
    return {grad_x, torch::full(alpha.sizes(), sum * grad_scale, alpha.options()), torch::Tensor()};
  }
};

struct ElasticSignFunction : torch::autograd::Function<ElasticSignFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& alpha) {
    const torch::Tensor scale = alpha.clamp_min(kMinScale);
    ctx->save_for_backward({x, scale, alpha});
    return scale * binary_sign(x);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &x = saved[0], &scale = saved[1], &alpha = saved[2];
    const torch::Tensor& g = grad[0];
    const torch::Tensor inside = as_dtype(x.abs() <= scale, x);
    const double grad_scale = 1.0 / std::sqrt(static_cast<double>(x.numel()));
    const torch::Tensor grad_alpha = g * (binary_sign(x) - inside * x / scale) * grad_scale;
    return {g * inside, reduce_to_shape(grad_alpha, alpha)};
  }
};

struct ElasticUnsignedFunction : torch::autograd::Function<ElasticUnsignedFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& alpha) {
    const torch::Tensor scale = alpha.clamp_min(kMinScale);
    ctx->save_for_backward({x, scale, alpha});
    return scale * round_half_up(x / scale).clamp(0, 1);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &x = saved[0], &scale = saved[1], &alpha = saved[2];
    const torch::Tensor& g = grad[0];
    const torch::Tensor r = x / scale;
    const torch::Tensor inside = as_dtype((r >= 0) & (r <= 1), x);
    const torch::Tensor above = as_dtype(r > 1, x);
    const double grad_scale = 1.0 / std::sqrt(static_cast<double>(x.numel()));
    const torch::Tensor grad_alpha = g * (above + inside * (round_half_up(r) - r)) * grad_scale;
    return {g * inside, reduce_to_shape(grad_alpha, alpha)};
  }
};

}  // namespace

torch::Tensor elastic_sign(const torch::Tensor& x, const torch::Tensor& alpha) {
  if (takes_fused_path(x, alpha)) return FusedElasticFunction::apply(x, alpha, true);
  return ElasticSignFunction::apply(x, alpha);
}

torch::Tensor elastic_unsigned(const torch::Tensor& x, const torch::Tensor& alpha) {
  if (takes_fused_path(x, alpha)) return FusedElasticFunction::apply(x, alpha, false);
  return ElasticUnsignedFunction::apply(x, alpha);
}

void set_fused_elastic_kernels(bool enabled) { fused_enabled.store(enabled); }
bool fused_elastic_kernels() { return fused_enabled.load(); }

}  // namespace binvit::nn::functional
