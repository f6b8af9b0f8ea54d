#include <torch/torch.h>

#include "core/nn/functional/approx_sign.h"
#include "core/nn/functional/elastic_binarize.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <cmath>

using namespace binvit::nn::functional;

namespace {

torch::Tensor as_double(const torch::Tensor& mask) { return mask.to(torch::kDouble); }
torch::Tensor plus_minus_one(const torch::Tensor& x) {
  return torch::where(x >= 0, torch::ones_like(x), -torch::ones_like(x));
}

}  // namespace

class TestActivationBinarizers : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(11); }

  void elasticSignForwardLevelsAndSignOfZero() {
    const auto x = torch::tensor({-2.0, -0.1, 0.0, 0.3, 5.0}, torch::kDouble);
    const auto alpha = torch::tensor({0.5}, torch::kDouble);
    const auto expected = torch::tensor({-0.5, -0.5, 0.5, 0.5, 0.5}, torch::kDouble);
    BINVIT_COMPARE_EXACT(elastic_sign(x, alpha), expected);
  }

  void elasticSignClampsTinyScales() {
    const auto x = torch::tensor({-1.0, 1.0}, torch::kDouble);
    const auto alpha = torch::tensor({-3.0}, torch::kDouble);
    BINVIT_COMPARE_EXACT(elastic_sign(x, alpha), torch::tensor({-1e-5, 1e-5}, torch::kDouble));
  }

  void elasticSignGradientsMatchClosedForm() {
    const auto x = torch::randn({4, 6, 8}, torch::kDouble).requires_grad_();
    const auto alpha = torch::tensor({0.7}, torch::kDouble).requires_grad_();
    const auto g = torch::randn({4, 6, 8}, torch::kDouble);
    elastic_sign(x, alpha).backward(g);

    const auto xd = x.detach();
    const double a = 0.7;
    const auto inside = as_double(xd.abs() <= a);
    const auto expected_alpha =
        (g * (plus_minus_one(xd) - inside * xd / a)).sum() / std::sqrt(double(xd.numel()));
    BINVIT_COMPARE_TENSORS(x.grad(), g * inside, 1e-12);
    BINVIT_COMPARE_TENSORS(alpha.grad(), expected_alpha.reshape({1}), 1e-6);
  }

  void elasticUnsignedForwardRoundsHalfUp() {
    // r = x / 2: -1 -> 0, 0.49 -> 0, exactly 0.5 -> 1 (half up), 0.75 -> 1, 3 -> clipped to 1.
    const auto x = torch::tensor({-2.0, 0.98, 1.0, 1.5, 6.0}, torch::kDouble);
    const auto alpha = torch::tensor({2.0}, torch::kDouble);
    BINVIT_COMPARE_EXACT(elastic_unsigned(x, alpha),
                         torch::tensor({0.0, 0.0, 2.0, 2.0, 2.0}, torch::kDouble));
  }

  void elasticUnsignedGradientsMatchClosedForm() {
    const auto x = (2 * torch::randn({3, 5, 7}, torch::kDouble)).requires_grad_();
    const auto alpha = torch::tensor({1.3}, torch::kDouble).requires_grad_();
    const auto g = torch::randn({3, 5, 7}, torch::kDouble);
    elastic_unsigned(x, alpha).backward(g);

    const auto r = x.detach() / 1.3;
    const auto inside = as_double((r >= 0) & (r <= 1));
    const auto above = as_double(r > 1);
    const auto rounded = as_double(r >= 0.5);  // round(r) inside [0, 1], half up
    const auto expected_alpha =
        (g * (above + inside * (rounded - r))).sum() / std::sqrt(double(r.numel()));
    BINVIT_COMPARE_TENSORS(x.grad(), g * inside, 1e-12);
    BINVIT_COMPARE_TENSORS(alpha.grad(), expected_alpha.reshape({1}), 1e-6);
  }

  void approxSignForwardAndPiecewiseGradient() {
    const auto x = torch::tensor({-1.5, -1.0, -0.5, 0.0, 0.25, 1.0, 2.0}, torch::kDouble)
                       .requires_grad_();
    const auto y = approx_sign(x);
    BINVIT_COMPARE_EXACT(y, torch::tensor({-1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0}, torch::kDouble));
    y.backward(torch::ones_like(y));
    // 2 + 2x on [-1, 0), 2 - 2x on [0, 1], 0 elsewhere.
    BINVIT_COMPARE_TENSORS(x.grad(),
                           torch::tensor({0.0, 0.0, 1.0, 2.0, 1.5, 0.0, 0.0}, torch::kDouble), 1e-12);
  }

  void approxSignGradientIsTheDerivativeOfItsSmoothApproximation() {
    // The backward is the exact derivative of F(x) = 2x + x^2 (x < 0), 2x - x^2 (x >= 0) on
    // [-1, 1]: check it against central differences of F away from the kinks.
    const auto x = (torch::rand({50}, torch::kDouble) * 1.8 - 0.9).requires_grad_();
    approx_sign(x).backward(torch::ones({50}, torch::kDouble));
    const auto approximation = [](const torch::Tensor& t) {
      return torch::where(t < 0, 2 * t + t * t, 2 * t - t * t);
    };
    const double h = 1e-7;
    const auto xd = x.detach();
    const auto numeric = (approximation(xd + h) - approximation(xd - h)) / (2 * h);
    BINVIT_COMPARE_TENSORS(x.grad(), numeric, 1e-6);
  }
};

BINVIT_REGISTER_TEST(TestActivationBinarizers);
#include "test_activation_binarizers.moc"
