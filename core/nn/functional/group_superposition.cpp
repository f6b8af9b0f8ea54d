#include "core/nn/functional/group_superposition.h"

#include "core/nn/functional/chunked_sums.h"
#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/sign.h"

#include <atomic>
#include <cmath>

namespace binvit::nn::functional {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Per-component |mask|^-1/2 (0 for an empty mask, whose scale then gets no gradient).
torch::Tensor inverse_sqrt_counts(const torch::Tensor& masks) {
  if (masks.size(0) == 0) return torch::empty({0}, masks.options());  // K = 1: no groups
  const torch::Tensor counts = masks.reshape({masks.size(0), -1}).sum(1);
  return torch::where(counts > 0, counts.clamp_min(1).rsqrt(), torch::zeros_like(counts));
}

// Sums each component of a stacked tensor (K', x.shape) over all its elements: shape (K').
torch::Tensor sum_per_component(const torch::Tensor& stacked) {
  return stacked.reshape({stacked.size(0), -1}).sum(1);
}

// scales[first:] shaped (K', 1, ..., 1) to broadcast against a stack of maps like `like`.
torch::Tensor stacked_scales(const torch::Tensor& scales, int64_t first,
                             const torch::Tensor& like) {
  std::vector<int64_t> shape(static_cast<size_t>(like.dim()), 1);
  shape.insert(shape.begin(), scales.size(0) - first);
  return scales.slice(0, first).reshape(shape);
}

std::atomic<bool> fused_enabled{true};

// The fused kernels below take float32 maps of the input's own shape (what attention_masks and
// value_groups return); anything else goes through the tensor expressions.
bool takes_fused_path(const torch::Tensor& x, const torch::Tensor& scales,
                      const torch::Tensor& maps) {
  return fused_enabled.load() && x.scalar_type() == torch::kFloat && x.numel() > 0 &&
         scales.scalar_type() == torch::kFloat && maps.scalar_type() == torch::kFloat &&
         maps.dim() == x.dim() + 1 && maps.sizes().slice(1) == x.sizes();
}

std::vector<float> host_values(const torch::Tensor& t) {
  const torch::Tensor c = t.detach().contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

inline float count_scale(double count) { return count > 0 ? 1.0 / std::sqrt(count) : 0.0; }

// Slots [term sum of component 0, of components 1..parts, sizes of maps 1..parts] -> the scales'
// gradients: n^-1/2 for the first (all elements), |map|^-1/2 for the others.
torch::Tensor scale_gradients(const std::vector<double>& sums, int64_t parts, int64_t n,
                              const torch::TensorOptions& options) {
  torch::Tensor grad = torch::empty({1 + parts}, options);
  float* gs = grad.data_ptr<float>();
  gs[0] = static_cast<float>(sums[0] / std::sqrt(static_cast<double>(n)));
  for (int64_t k = 1; k <= parts; ++k) {
    gs[k] = static_cast<float>(sums[k] * count_scale(sums[parts + k]));
  }
  return grad;
}

// The element loops of GsbAttentionFunction and GsbValueFunction, one pass each, with the same
// float steps (and order of additions) as the tensor expressions, so that values and input
// gradients are bit-identical; the scale gradients are summed in double.
struct FusedSuperposition {
  static torch::Tensor attention_forward(const torch::Tensor& a_in, const torch::Tensor& scales,
                                         const torch::Tensor& masks_in) {
    const torch::Tensor a = a_in.contiguous(), masks = masks_in.contiguous();
    const std::vector<float> s = host_values(scales);
    const int64_t n = a.numel(), parts = masks.size(0);
    torch::Tensor out = torch::empty_like(a);
    const float *ap = a.data_ptr<float>(), *mp = masks.data_ptr<float>();
    float* op = out.data_ptr<float>();
    at::parallel_for(0, n, kSumChunk, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        float masked = 0.0f;
        for (int64_t k = 0; k < parts; ++k) masked += s[k + 1] * mp[k * n + i];
        const float base = s[0] * unit_level_of(ap[i] / s[0]);
        op[i] = parts == 0 ? base : base + masked;
      }
    });
    return out;
  }

  // {dA, d(alphas)} for gsb_attention (formulas in group_superposition.h).
  static std::pair<torch::Tensor, torch::Tensor> attention_backward(const torch::Tensor& a_in,
                                                                    const torch::Tensor& scales,
                                                                    const torch::Tensor& masks_in,
                                                                    const torch::Tensor& grad) {
    const torch::Tensor a = a_in.contiguous(), masks = masks_in.contiguous();
    const torch::Tensor g = grad.contiguous().to(torch::kFloat);
    const std::vector<float> s = host_values(scales);
    const int64_t n = a.numel(), parts = masks.size(0);
    torch::Tensor grad_a = torch::empty_like(a);
    const float *ap = a.data_ptr<float>(), *mp = masks.data_ptr<float>(), *gp = g.data_ptr<float>();
    float* gap = grad_a.data_ptr<float>();
    // Slots: the base scale's terms, per mask the sum of g over it, per mask its size.
    const std::vector<double> sums = chunked_sums(
        n, static_cast<size_t>(1 + 2 * parts), [&](int64_t lo, int64_t hi, double* acc) {
          for (int64_t i = lo; i < hi; ++i) {
            const float r = ap[i] / s[0];
            const float inside = (r >= 0.0f) & (r <= 1.0f) ? 1.0f : 0.0f;
            const float above = r > 1.0f ? 1.0f : 0.0f;
            acc[0] += static_cast<double>(gp[i] * (above + inside * (unit_level_of(r) - r)));
            float masked = 0.0f;
            for (int64_t k = 0; k < parts; ++k) {
              const float m = mp[k * n + i];
              masked += s[k + 1] * m;
              acc[1 + k] += static_cast<double>(gp[i] * m);
              acc[1 + parts + k] += static_cast<double>(m);
            }
            gap[i] = gp[i] * (parts == 0 ? inside : inside + masked);
          }
        });
    return {grad_a, scale_gradients(sums, parts, n, scales.options())};
  }

  static torch::Tensor value_forward(const torch::Tensor& v_in, const torch::Tensor& scales,
                                     const torch::Tensor& groups_in) {
    const torch::Tensor v = v_in.contiguous(), groups = groups_in.contiguous();
    const std::vector<float> b = host_values(scales);
    const int64_t n = v.numel(), parts = groups.size(0);
    torch::Tensor out = torch::empty_like(v);
    const float *vp = v.data_ptr<float>(), *gr = groups.data_ptr<float>();
    float* op = out.data_ptr<float>();
    at::parallel_for(0, n, kSumChunk, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        float sum = b[0] * binary_sign_of(vp[i]);
        for (int64_t k = 0; k < parts; ++k)
          sum += b[k + 1] * ternary_sign_of(vp[i] * gr[k * n + i]);
        op[i] = sum;
      }
    });
    return out;
  }

  // {dv, d(betas)} for gsb_value (formulas in group_superposition.h).
  static std::pair<torch::Tensor, torch::Tensor> value_backward(const torch::Tensor& v_in,
                                                                const torch::Tensor& scales,
                                                                const torch::Tensor& groups_in,
                                                                const torch::Tensor& grad) {
    const torch::Tensor v = v_in.contiguous(), groups = groups_in.contiguous();
    const torch::Tensor g = grad.contiguous().to(torch::kFloat);
    const std::vector<float> b = host_values(scales);
    const int64_t n = v.numel(), parts = groups.size(0);
    torch::Tensor grad_v = torch::empty_like(v);
    const float *vp = v.data_ptr<float>(), *gr = groups.data_ptr<float>(),
                *gp = g.data_ptr<float>();
    float* gvp = grad_v.data_ptr<float>();
    // Slots: per component the sum of its terms, then per group its size.
    const std::vector<double> sums = chunked_sums(
        n, static_cast<size_t>(1 + 2 * parts), [&](int64_t lo, int64_t hi, double* acc) {
          for (int64_t i = lo; i < hi; ++i) {
            float pass = 0.0f;
            for (int64_t k = 0; k <= parts; ++k) {
              const float part = k == 0 ? vp[i] : vp[i] * gr[(k - 1) * n + i];
              const float sign = k == 0 ? binary_sign_of(part) : ternary_sign_of(part);
              const float inside = std::fabs(part) <= b[k] ? 1.0f : 0.0f;
              pass = k == 0 ? inside : pass + inside;
              acc[k] += static_cast<double>(gp[i] * (sign - inside * part / b[k]));
              if (k > 0) acc[parts + k] += static_cast<double>(gr[(k - 1) * n + i]);
            }
            gvp[i] = gp[i] * pass;
          }
        });
    return {grad_v, scale_gradients(sums, parts, n, scales.options())};
  }
};

struct GsbAttentionFunction : torch::autograd::Function<GsbAttentionFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& a,
                               const torch::Tensor& alphas, const torch::Tensor& masks) {
    const torch::Tensor scales = alphas.clamp_min(kMinScale);
    ctx->save_for_backward({a, scales, masks});
    if (takes_fused_path(a, scales, masks)) {
      return FusedSuperposition::attention_forward(a, scales, masks);
    }
    const torch::Tensor base = scales[0] * round_half_up(a / scales[0]).clamp(0, 1);
    if (masks.size(0) == 0) return base;
    return base + (stacked_scales(scales, 1, a) * masks).sum(0);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &a = saved[0], &scales = saved[1], &masks = saved[2];
    const torch::Tensor& g = grad[0];
    if (takes_fused_path(a, scales, masks)) {
      auto [grad_a, grad_scales] = FusedSuperposition::attention_backward(a, scales, masks, g);
      return {grad_a, grad_scales, torch::Tensor()};
    }
    const torch::Tensor r = a / scales[0];
    const torch::Tensor inside = ((r >= 0) & (r <= 1)).to(a.dtype());
    const torch::Tensor above = (r > 1).to(a.dtype());
    const double n = static_cast<double>(a.numel());
    const torch::Tensor grad_base =
        (g * (above + inside * (round_half_up(r) - r))).sum().reshape({1}) / std::sqrt(n);
    if (masks.size(0) == 0) return {g * inside, grad_base, torch::Tensor()};
    const torch::Tensor pass = inside + (stacked_scales(scales, 1, a) * masks).sum(0);
    const torch::Tensor grad_masked =
        sum_per_component(g.unsqueeze(0) * masks) * inverse_sqrt_counts(masks);
    return {g * pass, torch::cat({grad_base, grad_masked}), torch::Tensor()};
  }
};

struct GsbValueFunction : torch::autograd::Function<GsbValueFunction> {
  // Component k's input: v itself for k = 0, v masked by its group for k >= 1, stacked (K, ...).
  static torch::Tensor components(const torch::Tensor& v, const torch::Tensor& groups) {
    return torch::cat({v.unsqueeze(0), v.unsqueeze(0) * groups});
  }
  // sgn for the first component (a +-1 map), the ternary sign for the groups (0 outside).
  static torch::Tensor component_signs(const torch::Tensor& parts) {
    return torch::cat({binary_sign(parts.slice(0, 0, 1)), ternary_sign(parts.slice(0, 1))});
  }

  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& v,
                               const torch::Tensor& betas, const torch::Tensor& groups) {
    const torch::Tensor scales = betas.clamp_min(kMinScale);
    ctx->save_for_backward({v, scales, groups});
    if (takes_fused_path(v, scales, groups)) {
      return FusedSuperposition::value_forward(v, scales, groups);
    }
    return (stacked_scales(scales, 0, v) * component_signs(components(v, groups))).sum(0);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &v = saved[0], &scales = saved[1], &groups = saved[2];
    const torch::Tensor& g = grad[0];
    if (takes_fused_path(v, scales, groups)) {
      auto [grad_v, grad_scales] = FusedSuperposition::value_backward(v, scales, groups, g);
      return {grad_v, grad_scales, torch::Tensor()};
    }
    const torch::Tensor parts = components(v, groups);
    const torch::Tensor b = stacked_scales(scales, 0, v);
    // Outside a group v_k = 0, so that group passes the gradient through as well (as released).
    const torch::Tensor inside = (parts.abs() <= b).to(v.dtype());
    const torch::Tensor counts_inv_sqrt =
        torch::cat({torch::full({1}, 1.0 / std::sqrt(static_cast<double>(v.numel())), v.options()),
                    inverse_sqrt_counts(groups)});
    const torch::Tensor grad_betas =
        sum_per_component(g.unsqueeze(0) * (component_signs(parts) - inside * parts / b)) *
        counts_inv_sqrt;
    return {g * inside.sum(0), grad_betas, torch::Tensor()};
  }
};

// A stack of zero maps shaped like t: what K = 1 (no thresholds) yields.
torch::Tensor empty_stack(const torch::Tensor& t) {
  std::vector<int64_t> shape = t.sizes().vec();
  shape.insert(shape.begin(), 0);
  return torch::empty(shape, t.options());
}

}  // namespace

torch::Tensor attention_parts(const torch::Tensor& attention, const torch::Tensor& alphas,
                              const torch::Tensor& masks) {
  torch::NoGradGuard no_grad;
  const torch::Tensor a = attention.detach();
  const torch::Tensor base =
      round_half_up(a / alphas.detach()[0].clamp_min(kMinScale)).clamp(0, 1).unsqueeze(0);
  return masks.size(0) == 0 ? base : torch::cat({base, masks.to(base.dtype())});
}

torch::Tensor value_parts(const torch::Tensor& value, const torch::Tensor& groups) {
  torch::NoGradGuard no_grad;
  const torch::Tensor v = value.detach();
  return GsbValueFunction::component_signs(GsbValueFunction::components(v, groups));
}

void set_fused_superposition_kernels(bool enabled) { fused_enabled.store(enabled); }
bool fused_superposition_kernels() { return fused_enabled.load(); }

void check_superposition_taus(const std::vector<double>& taus) {
  double previous = 0.0;
  for (size_t i = 0; i < taus.size(); ++i) {
    TORCH_CHECK(taus[i] > previous && taus[i] < 1.0, "GSB threshold taus[", i, "] = ", taus[i],
                " must be in (", previous, ", 1) and larger than the previous threshold");
    previous = taus[i];
  }
}

torch::Tensor attention_masks(const torch::Tensor& attention, const std::vector<double>& taus,
                              ThresholdScope scope) {
  torch::NoGradGuard no_grad;
  const torch::Tensor a = attention.detach();
  if (taus.empty()) return empty_stack(a);
  const torch::Tensor maximum = scope_max(a, scope);
  std::vector<torch::Tensor> masks;
  for (double tau : taus) masks.push_back((a > tau * maximum).to(a.dtype()));
  return torch::stack(masks);
}

torch::Tensor value_groups(const torch::Tensor& value, const std::vector<double>& taus,
                           ThresholdScope scope) {
  torch::NoGradGuard no_grad;
  const torch::Tensor v = value.detach();
  if (taus.empty()) return empty_stack(v);
  const torch::Tensor maximum = scope_max(v, scope);
  const torch::Tensor minimum = scope_min(v, scope);
  std::vector<torch::Tensor> groups;
  for (double tau : taus)
    groups.push_back(((v > tau * maximum) | (v < tau * minimum)).to(v.dtype()));
  return torch::stack(groups);
}

torch::Tensor gsb_attention(const torch::Tensor& attention, const torch::Tensor& alphas,
                            const torch::Tensor& masks) {
  TORCH_CHECK(alphas.dim() == 1 && alphas.size(0) == masks.size(0) + 1,
              "gsb_attention needs one scale per component: ", masks.size(0) + 1, ", got ",
              alphas.sizes());
  return GsbAttentionFunction::apply(attention, alphas, masks);
}

torch::Tensor gsb_value(const torch::Tensor& value, const torch::Tensor& betas,
                        const torch::Tensor& groups) {
  TORCH_CHECK(betas.dim() == 1 && betas.size(0) == groups.size(0) + 1,
              "gsb_value needs one scale per component: ", groups.size(0) + 1, ", got ",
              betas.sizes());
  return GsbValueFunction::apply(value, betas, groups);
}

}  // namespace binvit::nn::functional
