#include "core/nn/layers/binary_conv2d.h"

#include <cmath>

namespace binvit::nn {

BinaryConv2dImpl::BinaryConv2dImpl(const BinaryConv2dOptions& options_) : options(options_) {
  const auto& o = options;
  TORCH_CHECK(o.in_channels() > 0 && o.out_channels() > 0 && o.kernel_size() > 0,
              "BinaryConv2d needs positive channels and kernel size");
  TORCH_CHECK(o.groups() > 0 && o.in_channels() % o.groups() == 0 &&
                  o.out_channels() % o.groups() == 0,
              "BinaryConv2d groups = ", o.groups(), " must divide in_channels = ", o.in_channels(),
              " and out_channels = ", o.out_channels());
  TORCH_CHECK(o.stride() > 0 && o.dilation() > 0 && o.padding() >= 0,
              "BinaryConv2d needs stride > 0, dilation > 0 and padding >= 0");
  const int64_t fan_in = o.in_channels() / o.groups() * o.kernel_size() * o.kernel_size();
  const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
  weight = register_parameter(
      "weight", torch::empty({o.out_channels(), o.in_channels() / o.groups(), o.kernel_size(),
                              o.kernel_size()})
                    .uniform_(-bound, bound));
  if (o.bias()) {
    bias = register_parameter("bias", torch::empty({o.out_channels()}).uniform_(-bound, bound));
  }
  const std::vector<int64_t> shift_shape = o.activation_shift()
                                               ? std::vector<int64_t>{o.in_channels(), 1, 1}
                                               : std::vector<int64_t>{};
  input_quantizer =
      register_module("input_quantizer", ActivationBinarizer(o.activation_mode(), shift_shape));
}

torch::Tensor BinaryConv2dImpl::effective_weight() const {
  return quantization_enabled() ? binarize_weight(weight, options.weight_mode()) : weight;
}

torch::Tensor BinaryConv2dImpl::forward(const torch::Tensor& x) {
  TORCH_CHECK(x.dim() == 4 && x.size(1) == options.in_channels(), "BinaryConv2d expects (B, ",
              options.in_channels(), ", H, W), got ", x.sizes());
  namespace F = torch::nn::functional;
  const torch::Tensor input = input_quantizer->forward(x);
  if (capture() != nullptr && options.activation_mode() != ActivationBinarization::Float) {
    capture()->activations.push_back({capture_name(), input.detach().clone(), x.detach().clone()});
  }
  if (uses_exact_sign_product(*this, quantization_enabled(), options.weight_mode(),
                              options.activation_mode())) {
    const auto [signs, scales] = weight_signs_and_scales(effective_weight());
    const torch::Tensor product = F::conv2d(input, signs,
                                            F::Conv2dFuncOptions()
                                                .stride(options.stride())
                                                .padding(options.padding())
                                                .dilation(options.dilation())
                                                .groups(options.groups())) *
                                  scales.reshape({1, -1, 1, 1});
    return bias.defined() ? product + bias.reshape({1, -1, 1, 1}) : product;
  }
  return F::conv2d(input, effective_weight(),
                   F::Conv2dFuncOptions()
                       .bias(bias)
                       .stride(options.stride())
                       .padding(options.padding())
                       .dilation(options.dilation())
                       .groups(options.groups()));
}

}  // namespace binvit::nn
