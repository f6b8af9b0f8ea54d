#include <torch/torch.h>

#include "core/nn/functional/weight_binarize.h"
#include "core/nn/layers/binary_conv2d.h"
#include "core/nn/layers/binary_layer_wrapper.h"
#include "core/nn/layers/binary_linear.h"
#include "core/nn/layers/channel_shortcut.h"
#include "core/nn/layers/layer_scale.h"
#include "core/nn/layers/rprelu.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <functional>

using namespace binvit::nn;

namespace {

torch::Tensor plus_minus_one(const torch::Tensor& x) {
  return torch::where(x >= 0, torch::ones_like(x), -torch::ones_like(x));
}

// Central differences of sum(f(x) * g) with respect to every element of x (double precision).
torch::Tensor numeric_gradient(const std::function<torch::Tensor(const torch::Tensor&)>& f,
                               const torch::Tensor& x, const torch::Tensor& g, double h = 1e-6) {
  torch::NoGradGuard no_grad;
  torch::Tensor grad = torch::zeros_like(x);
  torch::Tensor probe = x.clone();
  auto flat = probe.view(-1);
  for (int64_t i = 0; i < flat.numel(); ++i) {
    const double original = flat[i].item<double>();
    flat[i] = original + h;
    const double up = (f(probe) * g).sum().item<double>();
    flat[i] = original - h;
    const double down = (f(probe) * g).sum().item<double>();
    flat[i] = original;
    grad.view(-1)[i] = (up - down) / (2 * h);
  }
  return grad;
}

template <typename Module>
void check_input_gradient_by_finite_differences(Module& module, const torch::Tensor& x0) {
  module->to(torch::kDouble);
  const auto x = x0.clone().requires_grad_();
  const auto g = torch::randn_like(module->forward(x));
  module->forward(x).backward(g);
  const auto numeric = numeric_gradient([&](const torch::Tensor& t) { return module->forward(t); },
                                        x0, g);
  BINVIT_COMPARE_TENSORS(x.grad(), numeric, 1e-6);
}

}  // namespace

class TestLayers : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(19); }

  void binaryLinearMultipliesBinarizedInputsAndWeights() {
    BinaryLinear layer(BinaryLinearOptions(6, 4));
    const auto x = torch::randn({2, 3, 6});
    const auto y = layer->forward(x);  // initialises alpha from x + shift (shift is 0)
    const float alpha = layer->input_quantizer->elastic->alpha.item<float>();
    const auto w = layer->weight.detach();
    const auto wb = w.abs().mean() * plus_minus_one(w - w.mean());
    const auto expected = torch::matmul(alpha * plus_minus_one(x), wb.t()) + layer->bias.detach();
    BINVIT_COMPARE_TENSORS(y, expected, 1e-5);
  }

  void floatModesLeaveTheLayerUnquantized() {
    BinaryLinear layer(BinaryLinearOptions(5, 3)
                           .weight_mode(WeightBinarization::Float)
                           .activation_mode(ActivationBinarization::Float));
    const auto x = torch::randn({4, 5});
    BINVIT_COMPARE_TENSORS(layer->forward(x),
                           torch::matmul(x, layer->weight.detach().t()) + layer->bias.detach(), 1e-6);
  }

  void binaryConvMatchesConvOfBinarizedTensors_data() {
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("dilation");
    QTest::addColumn<int>("size");
    for (int dilation : {1, 3, 5}) {
      QTest::addRow("g4_d%d_s7", dilation) << 4 << dilation << 7;
      QTest::addRow("g1_d%d_s5", dilation) << 1 << dilation << 5;
    }
  }

  void binaryConvMatchesConvOfBinarizedTensors() {
    QFETCH(int, groups);
    QFETCH(int, dilation);
    QFETCH(int, size);
    BinaryConv2d conv(
        BinaryConv2dOptions(8, 12, 3).groups(groups).dilation(dilation).padding(dilation));
    const auto x = torch::randn({2, 8, size, size});
    const auto y = conv->forward(x);
    const auto w = conv->weight.detach();
    const auto wb = functional::per_channel_mean(w.abs()) *
                    plus_minus_one(w - functional::per_channel_mean(w));
    namespace F = torch::nn::functional;
    const auto expected =
        F::conv2d(plus_minus_one(x), wb,
                  F::Conv2dFuncOptions().bias(conv->bias.detach()).padding(dilation).dilation(dilation).groups(groups));
    QCOMPARE(y.sizes(), expected.sizes());
    QCOMPARE(y.size(2), int64_t{size});  // "same" padding
    BINVIT_COMPARE_TENSORS(y, expected, 1e-5);
  }

  void binaryConvRejectsGroupsThatDoNotDivide() {
    QVERIFY_THROWS_EXCEPTION(c10::Error, BinaryConv2d(BinaryConv2dOptions(6, 8, 3).groups(4)));
  }

  void rpreluIsShiftedPreluWithFiniteDifferenceGradient() {
    RPReLU act(4);
    {
      torch::NoGradGuard no_grad;
      act->gamma.copy_(torch::tensor({0.1, -0.2, 0.3, 0.0}));
      act->slope.copy_(torch::tensor({0.25, 0.5, -0.1, 1.0}));
      act->zeta.copy_(torch::tensor({1.0, 0.0, -1.0, 0.5}));
    }
    const auto x = torch::tensor({{0.5, -1.0, 0.0, -2.0}});
    // z = x - gamma = [0.4, -0.8, -0.3, -2]; prelu = [0.4, -0.4, 0.03, -2]; + zeta.
    BINVIT_COMPARE_TENSORS(act->forward(x), torch::tensor({{1.4, -0.4, -0.97, -1.5}}), 1e-6);
    check_input_gradient_by_finite_differences(act, torch::randn({3, 5, 4}, torch::kDouble));
  }

  void layerScaleScalesAndShiftsPerChannel() {
    LayerScale scale(3, 0.1);
    const auto x = torch::randn({2, 3});
    BINVIT_COMPARE_TENSORS(scale->forward(x), 0.1 * x, 1e-7);
    LayerScale maps(3, 0.5, /*channel_dim=*/1);
    const auto m = torch::randn({2, 3, 4, 4});
    BINVIT_COMPARE_TENSORS(maps->forward(m), 0.5 * m, 1e-7);
    check_input_gradient_by_finite_differences(scale, torch::randn({4, 3}, torch::kDouble));
  }

  void shortcutKinds() {
    const auto x = torch::arange(8, torch::kDouble).reshape({2, 4});
    BINVIT_COMPARE_EXACT(channel_shortcut(x, 4), x);
    BINVIT_COMPARE_EXACT(channel_shortcut(x, 8), torch::cat({x, x}, -1));
    BINVIT_COMPARE_EXACT(channel_shortcut(x, 2),
                         torch::tensor({{0.5, 2.5}, {4.5, 6.5}}, torch::kDouble));
    QVERIFY_THROWS_EXCEPTION(c10::Error, channel_shortcut(x, 6));
  }

  void wrapperComputesRpreluOfNormPlusShortcut_data() {
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::newRow("identity") << 8 << 8;
    QTest::newRow("expand_x4") << 8 << 32;
    QTest::newRow("reduce_x4") << 32 << 8;
  }

  void wrapperComputesRpreluOfNormPlusShortcut() {
    QFETCH(int, in);
    QFETCH(int, out);
    BinaryLayerWrapper layer(BinaryLayerWrapperOptions(in, out));
    layer->eval();  // BatchNorm with running statistics: a fixed affine map
    {
      torch::NoGradGuard no_grad;
      layer->shift.copy_(0.1 * torch::randn({in}));
      layer->norm->running_mean.copy_(torch::randn({out}));
      layer->norm->running_var.copy_(torch::rand({out}) + 0.5);
    }
    const auto x = torch::randn({2, 5, in});
    const auto y = layer->forward(x);
    QCOMPARE(y.sizes(), (std::vector<int64_t>{2, 5, out}));

    const auto w = layer->linear->weight.detach();
    const auto wb = functional::per_channel_mean(w.abs()) *
                    plus_minus_one(w - functional::per_channel_mean(w));
    const auto lin = torch::matmul(plus_minus_one(x + layer->shift.detach()), wb.t()) +
                     layer->linear->bias.detach();
    const auto& bn = layer->norm;
    const auto normed = (lin - bn->running_mean) / torch::sqrt(bn->running_var + 1e-5) *
                            bn->weight.detach() + bn->bias.detach();
    const auto z = normed + channel_shortcut(x, out);
    const auto expected = torch::where(z >= 0, z, 0.25 * z);  // RPReLU at init: plain PReLU
    BINVIT_COMPARE_TENSORS(y, expected, 1e-4);
  }

  void wrapperRejectsChannelRatiosWithoutAShortcut() {
    QVERIFY_THROWS_EXCEPTION(c10::Error, BinaryLayerWrapper(BinaryLayerWrapperOptions(6, 9)));
  }
};

BINVIT_REGISTER_TEST(TestLayers);
#include "test_layers.moc"
