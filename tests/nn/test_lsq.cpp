#include <torch/torch.h>

#include "core/nn/functional/lsq_quantize.h"
#include "core/nn/quantizers/lsq_quantizer.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <cmath>

using namespace binvit::nn;
using namespace binvit::nn::functional;

class TestLsq : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(3); }

  void rangesOfSignedAndUnsigned() {
    QCOMPARE(signed_range(8).qmin, int64_t{-128});
    QCOMPARE(signed_range(8).qmax, int64_t{127});
    QCOMPARE(unsigned_range(8).qmax, int64_t{255});
    QVERIFY_THROWS_EXCEPTION(c10::Error, signed_range(1));
  }

  void forwardRoundsHalfUpAndClips() {
    const auto x = torch::tensor({-300.0, -1.25, 0.25, 0.75, 2.5, 40.0}, torch::kDouble);
    const auto step = torch::tensor({0.5}, torch::kDouble);
    // x/step = -600 (clip -128), -2.5 (-> -2), 0.5 (-> 1), 1.5 (-> 2), 5, 80.
    const auto expected = torch::tensor({-64.0, -1.0, 0.5, 1.0, 2.5, 40.0}, torch::kDouble);
    BINVIT_COMPARE_EXACT(lsq_quantize(x, step, signed_range(8), 1.0), expected);
  }

  void gradientsMatchClosedFormPerChannel() {
    const auto x = (30 * torch::randn({4, 10}, torch::kDouble)).requires_grad_();
    const auto step = torch::tensor({0.1, 0.2, 0.3, 0.4}, torch::kDouble).reshape({4, 1}).requires_grad_();
    const auto g = torch::randn({4, 10}, torch::kDouble);
    const auto range = signed_range(8);
    const double grad_scale = lsq_grad_scale(10, range);
    lsq_quantize(x, step, range, grad_scale).backward(g);

    const auto v = x.detach() / step.detach();
    const auto below = (v < -128).to(torch::kDouble);
    const auto above = (v > 127).to(torch::kDouble);
    const auto inside = 1 - below - above;
    const auto rounded = torch::floor(v + 0.5);  // no exact ties in random data
    const auto expected_step =
        (g * (below * -128 + above * 127 + inside * (rounded - v))).sum(1, true) * grad_scale;
    BINVIT_COMPARE_TENSORS(x.grad(), g * inside, 1e-12);
    BINVIT_COMPARE_TENSORS(step.grad(), expected_step, 1e-6);
    QCOMPARE(grad_scale, 1.0 / std::sqrt(10.0 * 127.0));
  }

  void moduleInitialisesPerChannelStepOnce() {
    LsqQuantizer quantizer(LsqQuantizerOptions(8).channels(3));
    const auto w = torch::randn({3, 16});
    quantizer->forward(w);
    const auto expected = 2.0 * w.abs().mean(1) / std::sqrt(127.0);
    BINVIT_COMPARE_TENSORS(quantizer->step.detach(), expected, 1e-6);
    quantizer->forward(10 * w);
    BINVIT_COMPARE_TENSORS(quantizer->step.detach(), expected, 1e-6);
  }

  void moduleRejectsWrongChannelCount() {
    LsqQuantizer quantizer(LsqQuantizerOptions(8).channels(3));
    QVERIFY_THROWS_EXCEPTION(c10::Error, quantizer->forward(torch::randn({4, 2})));
  }
};

BINVIT_REGISTER_TEST(TestLsq);
#include "test_lsq.moc"
