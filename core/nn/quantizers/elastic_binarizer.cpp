#include "core/nn/quantizers/elastic_binarizer.h"

#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/quantizers/lazy_init.h"

namespace binvit::nn {

ElasticBinarizerImpl::ElasticBinarizerImpl(ElasticBinarizerOptions options_)
    : options(std::move(options_)) {
  alpha = register_parameter("alpha", torch::ones({1}));
  if (!options.shift_shape().empty()) {
    shift = register_parameter("shift", torch::zeros(options.shift_shape()));
  }
  initialized = register_init_flag(*this);
}

double ElasticBinarizerImpl::init_factor() const {
  return options.mode() == ElasticMode::Signed ? 2.0 : 4.0;
}

torch::Tensor ElasticBinarizerImpl::forward(const torch::Tensor& x) {
  const torch::Tensor shifted = shift.defined() ? x + shift : x;
  if (!quantization_enabled()) return shifted;
  if (!is_initialized(initialized)) {
    torch::NoGradGuard no_grad;
    alpha.fill_(init_factor() * shifted.abs().mean().item<double>());
    mark_initialized(initialized);
  }
  return options.mode() == ElasticMode::Signed ? functional::elastic_sign(shifted, alpha)
                                               : functional::elastic_unsigned(shifted, alpha);
}

}  // namespace binvit::nn
