#include "core/nn/functional/group_superposition.h"

#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/sign.h"

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
torch::Tensor stacked_scales(const torch::Tensor& scales, int64_t first, const torch::Tensor& like) {
  std::vector<int64_t> shape(static_cast<size_t>(like.dim()), 1);
  shape.insert(shape.begin(), scales.size(0) - first);
  return scales.slice(0, first).reshape(shape);
}

struct GsbAttentionFunction : torch::autograd::Function<GsbAttentionFunction> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& a,
                               const torch::Tensor& alphas, const torch::Tensor& masks) {
    const torch::Tensor scales = alphas.clamp_min(kMinScale);
    ctx->save_for_backward({a, scales, masks});
    const torch::Tensor base = scales[0] * round_half_up(a / scales[0]).clamp(0, 1);
    if (masks.size(0) == 0) return base;
    return base + (stacked_scales(scales, 1, a) * masks).sum(0);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &a = saved[0], &scales = saved[1], &masks = saved[2];
    const torch::Tensor& g = grad[0];
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
    return (stacked_scales(scales, 0, v) * component_signs(components(v, groups))).sum(0);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor &v = saved[0], &scales = saved[1], &groups = saved[2];
    const torch::Tensor& g = grad[0];
    const torch::Tensor parts = components(v, groups);
    const torch::Tensor b = stacked_scales(scales, 0, v);
    // Outside a group v_k = 0, so that group passes the gradient through as well (as released).
    const torch::Tensor inside = (parts.abs() <= b).to(v.dtype());
    const torch::Tensor counts_inv_sqrt = torch::cat(
        {torch::full({1}, 1.0 / std::sqrt(static_cast<double>(v.numel())), v.options()),
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
  for (double tau : taus) groups.push_back(((v > tau * maximum) | (v < tau * minimum)).to(v.dtype()));
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
