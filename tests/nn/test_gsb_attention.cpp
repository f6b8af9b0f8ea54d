#include <torch/torch.h>

#include "core/nn/functional/group_superposition.h"
#include "core/nn/quantizers/gsb_attention_quantizer.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <cmath>

using namespace binvit::nn;
using namespace binvit::nn::functional;

namespace {

// One image, one head, 2 x 3 attention with max 1.0: M2 = {0.8, 0.95, 1.0}, M3 = {0.95, 1.0}.
torch::Tensor hand_attention() {
  return torch::tensor({{0.1, 0.5, 0.8}, {0.05, 0.95, 1.0}}, torch::kDouble).reshape({1, 1, 2, 3});
}

torch::Tensor random_attention(std::vector<int64_t> shape) {
  return torch::softmax(2 * torch::randn(shape, torch::kDouble), -1);
}

const std::vector<double> kTaus{0.7, 0.9};

}  // namespace

class TestGsbAttention : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(5); }

  void masksAreNestedThresholdsOfTheMaximum() {
    const auto masks = attention_masks(hand_attention(), kTaus, ThresholdScope::Image);
    BINVIT_COMPARE_EXACT(masks[0].reshape({2, 3}),
                         torch::tensor({{0.0, 0.0, 1.0}, {0.0, 1.0, 1.0}}, torch::kDouble));
    BINVIT_COMPARE_EXACT(masks[1].reshape({2, 3}),
                         torch::tensor({{0.0, 0.0, 0.0}, {0.0, 1.0, 1.0}}, torch::kDouble));
  }

  void forwardLevelsAreHandComputed() {
    const auto a = hand_attention();
    const auto alphas = torch::tensor({0.4, 0.2, 0.1}, torch::kDouble);
    // A/0.4 = [.25 1.25 2; .125 2.375 2.5] -> base [0 1 1; 0 1 1]; + 0.2 M2 + 0.1 M3.
    const auto expected = torch::tensor({{0.0, 0.4, 0.6}, {0.0, 0.7, 0.7}}, torch::kDouble);
    const auto out = gsb_attention(a, alphas, attention_masks(a, kTaus, ThresholdScope::Image));
    BINVIT_COMPARE_TENSORS(out.reshape({2, 3}), expected, 1e-15);
  }

  void baseMapRoundsHalfUp() {
    // A / a1 exactly 0.5 gives level a1 (a plain threshold the packed engine reproduces).
    const auto a = torch::tensor({0.25, 0.2499999}, torch::kDouble).reshape({1, 1, 1, 2});
    const auto out = gsb_attention(a, torch::tensor({0.5}, torch::kDouble),
                                   attention_masks(a, {}, ThresholdScope::Image));
    BINVIT_COMPARE_EXACT(out.reshape({2}), torch::tensor({0.5, 0.0}, torch::kDouble));
  }

  void gradientsMatchClosedForm() {
    const auto a = random_attention({2, 3, 6, 6}).requires_grad_();
    const auto alphas = torch::tensor({0.3, 0.15, 0.05}, torch::kDouble).requires_grad_();
    const auto g = torch::randn({2, 3, 6, 6}, torch::kDouble);
    const auto masks = attention_masks(a, kTaus, ThresholdScope::Image);
    gsb_attention(a, alphas, masks).backward(g);

    // Independent closed forms (ALGORITHMS.md 2.3).
    const auto ad = a.detach();
    const auto m = ad.reshape({2, -1}).amax(1).reshape({2, 1, 1, 1});
    const auto m2 = (ad > 0.7 * m).to(torch::kDouble);
    const auto m3 = (ad > 0.9 * m).to(torch::kDouble);
    const auto r = ad / 0.3;
    const auto inside = ((r >= 0) & (r <= 1)).to(torch::kDouble);
    const auto above = (r > 1).to(torch::kDouble);
    const auto rounded = (r >= 0.5).to(torch::kDouble);
    const auto expected_a = g * (inside + 0.15 * m2 + 0.05 * m3);
    const double n = static_cast<double>(ad.numel());
    const auto expected_alphas = torch::stack({
        (g * (above + inside * (rounded - r))).sum() / std::sqrt(n),
        (g * m2).sum() / m2.sum().sqrt(),
        (g * m3).sum() / m3.sum().sqrt(),
    });
    BINVIT_COMPARE_TENSORS(a.grad(), expected_a, 1e-12);
    BINVIT_COMPARE_TENSORS(alphas.grad(), expected_alphas, 1e-6);
  }

  void baselineHasOneComponentAndNoMasks() {
    GsbAttentionQuantizer baseline(baseline_attention_options());
    QCOMPARE(baseline->alpha.numel(), int64_t{1});
    const auto a = random_attention({2, 2, 4, 4}).to(torch::kFloat);
    const auto out = baseline->forward(a);
    const float a1 = baseline->alpha.item<float>();
    // Two levels only: 0 and a1.
    QVERIFY(((out == 0) | (out == a1)).all().item<bool>());
  }

  void firstBatchInitialisationIsCumulative() {
    GsbAttentionQuantizer quantizer;
    quantizer->forward(hand_attention().to(torch::kFloat));
    const double a1 = 4.0 * 3.4 / 6.0;
    const auto expected = torch::tensor({a1, 4.0 * 0.8 - a1, 4.0 * 0.975 - 4.0 * 0.8});
    BINVIT_COMPARE_TENSORS(quantizer->alpha.detach(), expected, 1e-5);
  }

  void releasedInitialisationStoresUncorrectedScales() {
    GsbAttentionQuantizer quantizer(GsbAttentionQuantizerOptions().released_init(true));
    const auto first = quantizer->forward(hand_attention().to(torch::kFloat));
    BINVIT_COMPARE_TENSORS(quantizer->alpha.detach(),
                           torch::tensor({4.0 * 3.4 / 6.0, 3.2, 3.9}), 1e-5);
    // The initialising pass itself used the corrected scales, as the released code does.
    GsbAttentionQuantizer corrected;
    BINVIT_COMPARE_TENSORS(first, corrected->forward(hand_attention().to(torch::kFloat)), 1e-6);
  }

  void rejectsInconsistentOptions() {
    QVERIFY_THROWS_EXCEPTION(c10::Error,
                             GsbAttentionQuantizer(GsbAttentionQuantizerOptions().components(2)));
    QVERIFY_THROWS_EXCEPTION(
        c10::Error, GsbAttentionQuantizer(GsbAttentionQuantizerOptions().taus({0.9, 0.7})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_threshold_scope("global"));
  }

  void scopeDecidesWhetherBatchMatesMatter_data() {
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("independent");
    QTest::newRow("image") << "image" << true;
    QTest::newRow("row") << "row" << true;
    QTest::newRow("batch") << "batch" << false;
  }

  void scopeDecidesWhetherBatchMatesMatter() {
    QFETCH(QString, scope);
    QFETCH(bool, independent);
    const ThresholdScope s = parse_threshold_scope(scope.toStdString());
    const auto alphas = torch::tensor({0.2, 0.1, 0.05}, torch::kDouble);
    const auto image = 0.5 * random_attention({1, 2, 5, 5});
    const auto mate_small = 0.5 * image;  // the image holds the batch maximum
    const auto mate_peaked = torch::ones({1, 2, 5, 5}, torch::kDouble);  // larger max than image
    const auto quantize_first = [&](const torch::Tensor& mate) {
      const auto batch = torch::cat({image, mate});
      return gsb_attention(batch, alphas, attention_masks(batch, kTaus, s))[0];
    };
    const bool same = torch::equal(quantize_first(mate_small), quantize_first(mate_peaked));
    QCOMPARE(same, independent);
  }
};

BINVIT_REGISTER_TEST(TestGsbAttention);
#include "test_gsb_attention.moc"
