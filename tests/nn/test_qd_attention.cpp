#include <torch/torch.h>

#include "core/nn/functional/qd_attention.h"
#include "core/nn/quantizers/qd_attention_quantizer.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <cmath>

using namespace binvit::nn;
using namespace binvit::nn::functional;

class TestQdAttention : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(13); }

  void forwardLevelsAreHandComputed() {
    // Head 0: alpha 1, z 0: u = 3A = [0.3, 0.9, 2.7] -> [0, 1, 3].
    // Head 1: alpha 0.5, z 0.25: u = 6A + 0.25 = [0.55, 1.45, 3.25] -> [1, 1, 3] * 0.5.
    const auto a = torch::tensor({0.1, 0.3, 0.9, 0.05, 0.2, 0.5}, torch::kDouble).reshape({1, 2, 1, 3});
    const auto alpha = torch::tensor({1.0, 0.5}, torch::kDouble);
    const auto zero = torch::tensor({0.0, 0.25}, torch::kDouble);
    const auto expected =
        torch::tensor({0.0, 1.0, 3.0, 0.5, 0.5, 1.5}, torch::kDouble).reshape({1, 2, 1, 3});
    BINVIT_COMPARE_TENSORS(qd_attention(a, alpha, zero, 3), expected, 1e-15);
  }

  void quantizedAttentionIsAlphaTimesTheSumOfBinaryMaps() {
    const auto a = torch::softmax(3 * torch::randn({2, 4, 9, 9}), -1);
    const auto alpha = torch::rand({4}) * 0.5 + 0.1;
    const auto zero = torch::randn({4}) * 0.2;
    const auto maps = qd_binary_maps(a, alpha, zero, 3);
    QCOMPARE(maps.size(0), int64_t{3});
    BINVIT_COMPARE_EXACT(qd_attention(a, alpha, zero, 3), alpha.reshape({1, 4, 1, 1}) * maps.sum(0));
    // Nested maps: every map is contained in the previous one.
    QVERIFY((maps[1] <= maps[0]).all().item<bool>() && (maps[2] <= maps[1]).all().item<bool>());
  }

  void gradientsMatchClosedForm() {
    const auto a = torch::softmax(2 * torch::randn({2, 3, 5, 5}, torch::kDouble), -1).requires_grad_();
    const auto alpha = torch::tensor({0.4, 0.6, 0.3}, torch::kDouble).requires_grad_();
    const auto zero = torch::tensor({0.1, -0.2, 0.05}, torch::kDouble).requires_grad_();
    const auto g = torch::randn({2, 3, 5, 5}, torch::kDouble);
    qd_attention(a, alpha, zero, 3).backward(g);

    const auto al = alpha.detach().reshape({1, 3, 1, 1});
    const auto z = zero.detach().reshape({1, 3, 1, 1});
    const auto u = 3 * a.detach() / al + z;
    const auto inside = ((u >= 0) & (u <= 3)).to(torch::kDouble);
    const auto q = torch::floor(u + 0.5).clamp(0, 3);
    const double grad_scale = 1.0 / std::sqrt(50.0 * 3.0);
    const std::vector<int64_t> dims{0, 2, 3};
    BINVIT_COMPARE_TENSORS(a.grad(), 3 * g * inside, 1e-12);
    BINVIT_COMPARE_TENSORS(alpha.grad(),
                           (g * (q - inside * 3 * a.detach() / al)).sum(dims) * grad_scale, 1e-6);
    BINVIT_COMPARE_TENSORS(zero.grad(), (g * inside * al).sum(dims) * grad_scale, 1e-6);
  }

  void moduleInitialisesPerHeadOnce() {
    QdAttentionQuantizer quantizer(QdAttentionQuantizerOptions(2));
    const auto a = torch::softmax(torch::randn({3, 2, 4, 4}), -1);
    quantizer->forward(a);
    const std::vector<int64_t> dims{0, 2, 3};
    BINVIT_COMPARE_TENSORS(quantizer->alpha.detach(), 2 * (3 * a).abs().mean(dims) / std::sqrt(3.0),
                           1e-6);
    BINVIT_COMPARE_TENSORS(quantizer->zero_point.detach(), 0.1 * (3 * a).amin(dims), 1e-6);
    const auto alpha_before = quantizer->alpha.detach().clone();
    quantizer->forward(a * 0.5);
    BINVIT_COMPARE_EXACT(quantizer->alpha.detach(), alpha_before);
  }

  void moduleRejectsWrongHeadCount() {
    QdAttentionQuantizer quantizer(QdAttentionQuantizerOptions(4));
    QVERIFY_THROWS_EXCEPTION(c10::Error, quantizer->forward(torch::rand({1, 3, 4, 4})));
  }
};

BINVIT_REGISTER_TEST(TestQdAttention);
#include "test_qd_attention.moc"
