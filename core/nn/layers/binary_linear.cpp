#include "core/nn/layers/binary_linear.h"

#include <cmath>

namespace binvit::nn {

BinaryLinearImpl::BinaryLinearImpl(const BinaryLinearOptions& options_) : options(options_) {
  TORCH_CHECK(options.in_features() > 0 && options.out_features() > 0,
              "BinaryLinear needs positive in_features and out_features, got ",
              options.in_features(), " and ", options.out_features());
  // torch::nn::Linear's default initialisation, so float and binary variants start alike.
  const double bound = 1.0 / std::sqrt(static_cast<double>(options.in_features()));
  weight = register_parameter(
      "weight", torch::empty({options.out_features(), options.in_features()}).uniform_(-bound, bound));
  if (options.bias()) {
    bias = register_parameter("bias", torch::empty({options.out_features()}).uniform_(-bound, bound));
  }
  const std::vector<int64_t> shift_shape =
      options.activation_shift() ? std::vector<int64_t>{options.in_features()} : std::vector<int64_t>{};
  input_quantizer =
      register_module("input_quantizer", ActivationBinarizer(options.activation_mode(), shift_shape));
}

torch::Tensor BinaryLinearImpl::effective_weight() const {
  return quantization_enabled() ? binarize_weight(weight, options.weight_mode()) : weight;
}

torch::Tensor BinaryLinearImpl::forward(const torch::Tensor& x) {
  TORCH_CHECK(x.size(-1) == options.in_features(), "BinaryLinear expects ",
              options.in_features(), " input features, got shape ", x.sizes());
  const torch::Tensor input = input_quantizer->forward(x);
  if (capture() != nullptr && options.activation_mode() != ActivationBinarization::Float) {
    capture()->activations.push_back({capture_name(), input.detach().clone(), x.detach().clone()});
  }
  if (uses_exact_sign_product(*this, quantization_enabled(), options.weight_mode(),
                              options.activation_mode())) {
    const auto [signs, scales] = weight_signs_and_scales(effective_weight());
    const torch::Tensor product = torch::nn::functional::linear(input, signs) * scales;
    return bias.defined() ? product + bias : product;
  }
  return torch::nn::functional::linear(input, effective_weight(),
                                       bias.defined() ? bias : torch::Tensor());
}

}  // namespace binvit::nn
