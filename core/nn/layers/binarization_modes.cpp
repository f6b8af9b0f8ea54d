#include "core/nn/layers/binarization_modes.h"

#include "core/nn/functional/approx_sign.h"
#include "core/nn/functional/weight_binarize.h"

#include <array>
#include <stdexcept>
#include <utility>

namespace binvit::nn {

bool uses_exact_sign_product(const torch::nn::Module& layer, bool quantized,
                             WeightBinarization weights, ActivationBinarization activations) {
  return quantized && !layer.is_training() && !torch::GradMode::is_enabled() &&
         weights == WeightBinarization::CentredSign && activations == ActivationBinarization::ApproxSign;
}

std::pair<torch::Tensor, torch::Tensor> weight_signs_and_scales(const torch::Tensor& effective) {
  const torch::Tensor w = effective.detach();
  const torch::Tensor signs = (w >= 0).to(w.dtype()) * 2 - 1;
  return {signs, std::get<0>(w.abs().reshape({w.size(0), -1}).max(1))};
}
namespace {

constexpr std::array<std::pair<WeightBinarization, const char*>, 4> kWeightNames{{
    {WeightBinarization::Float, "float"},
    {WeightBinarization::BwnPerTensor, "bwn"},
    {WeightBinarization::BwnPerChannel, "bwn-channel"},
    {WeightBinarization::CentredSign, "centred-sign"},
}};

constexpr std::array<std::pair<ActivationBinarization, const char*>, 4> kActivationNames{{
    {ActivationBinarization::Float, "float"},
    {ActivationBinarization::ElasticSigned, "elastic-signed"},
    {ActivationBinarization::ElasticUnsigned, "elastic-unsigned"},
    {ActivationBinarization::ApproxSign, "approx-sign"},
}};

template <typename Mode, size_t N>
Mode parse(const std::array<std::pair<Mode, const char*>, N>& names, const std::string& name,
           const char* what) {
  std::string expected;
  for (const auto& [mode, text] : names) {
    if (name == text) return mode;
    expected += expected.empty() ? text : std::string(", ") + text;
  }
  throw std::invalid_argument(std::string(what) + " must be one of " + expected + "; got '" + name +
                              "'");
}

template <typename Mode, size_t N>
std::string name_of(const std::array<std::pair<Mode, const char*>, N>& names, Mode mode) {
  for (const auto& [m, text] : names) {
    if (m == mode) return text;
  }
  return "unknown";
}

}  // namespace

WeightBinarization parse_weight_binarization(const std::string& name) {
  return parse(kWeightNames, name, "weight binarization");
}
ActivationBinarization parse_activation_binarization(const std::string& name) {
  return parse(kActivationNames, name, "activation binarization");
}
std::string to_string(WeightBinarization mode) { return name_of(kWeightNames, mode); }
std::string to_string(ActivationBinarization mode) { return name_of(kActivationNames, mode); }

int bit_width(WeightBinarization mode) { return mode == WeightBinarization::Float ? 32 : 1; }
int bit_width(ActivationBinarization mode) { return mode == ActivationBinarization::Float ? 32 : 1; }

torch::Tensor binarize_weight(const torch::Tensor& weight, WeightBinarization mode) {
  switch (mode) {
    case WeightBinarization::Float:
      return weight;
    case WeightBinarization::BwnPerTensor:
      return functional::bwn_binarize(weight, functional::ScaleGranularity::PerTensor);
    case WeightBinarization::BwnPerChannel:
      return functional::bwn_binarize(weight, functional::ScaleGranularity::PerChannel);
    case WeightBinarization::CentredSign:
      return functional::centred_sign_binarize(weight);
  }
  throw std::logic_error("unknown weight binarization");
}

ActivationBinarizerImpl::ActivationBinarizerImpl(ActivationBinarization mode_,
                                                 std::vector<int64_t> shift_shape)
    : mode(mode_) {
  if (mode == ActivationBinarization::ElasticSigned ||
      mode == ActivationBinarization::ElasticUnsigned) {
    const ElasticMode elastic_mode = mode == ActivationBinarization::ElasticSigned
                                         ? ElasticMode::Signed
                                         : ElasticMode::Unsigned;
    elastic = register_module(
        "elastic", ElasticBinarizer(ElasticBinarizerOptions(elastic_mode).shift_shape(shift_shape)));
  }
}

torch::Tensor ActivationBinarizerImpl::forward(const torch::Tensor& x) {
  if (!quantization_enabled() && mode == ActivationBinarization::ApproxSign) return x;
  switch (mode) {
    case ActivationBinarization::Float:
      return x;
    case ActivationBinarization::ApproxSign:
      return functional::approx_sign(x);
    case ActivationBinarization::ElasticSigned:
    case ActivationBinarization::ElasticUnsigned:
      return elastic->forward(x);
  }
  throw std::logic_error("unknown activation binarization");
}

}  // namespace binvit::nn
