#include <torch/torch.h>

#include "core/nn/functional/weight_binarize.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn::functional;

class TestWeightBinarizers : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(7); }

  void bwnPerTensorForwardIsHandComputed() {
    // mean = 1/6 * (1 - 2 + 3 - 4 + 0.5 + 1.5) = 0; mean|W| = 12/6 = 2.
    const auto w = torch::tensor({{1.0, -2.0, 3.0}, {-4.0, 0.5, 1.5}}, torch::kDouble);
    const auto expected = torch::tensor({{2.0, -2.0, 2.0}, {-2.0, 2.0, 2.0}}, torch::kDouble);
    BINVIT_COMPARE_EXACT(bwn_binarize(w, ScaleGranularity::PerTensor), expected);
  }

  void bwnCentresOnTheTensorMeanAndSignOfZeroIsPlusOne() {
    // mean = 1: the element equal to the mean has sgn(0) = +1; scale = mean|W| = 1 (uncentred).
    const auto w = torch::tensor({{0.0, 1.0, 2.0}}, torch::kDouble);
    const auto expected = torch::tensor({{-1.0, 1.0, 1.0}}, torch::kDouble);
    BINVIT_COMPARE_EXACT(bwn_binarize(w, ScaleGranularity::PerTensor), expected);
  }

  void bwnPerChannelScalesEachRow() {
    // Global mean (1 - 3 + 0.5 + 1.5)/4 = 0; row scales mean|row| = 2 and 1.
    const auto w = torch::tensor({{1.0, -3.0}, {0.5, 1.5}}, torch::kDouble);
    const auto expected = torch::tensor({{2.0, -2.0}, {1.0, 1.0}}, torch::kDouble);
    BINVIT_COMPARE_EXACT(bwn_binarize(w, ScaleGranularity::PerChannel), expected);
  }

  void bwnBackwardIsIdentity() {
    const auto w = torch::randn({5, 7}, torch::kDouble).requires_grad_();
    const auto g = torch::randn({5, 7}, torch::kDouble);
    bwn_binarize(w, ScaleGranularity::PerTensor).backward(g);
    BINVIT_COMPARE_EXACT(w.grad(), g);
  }

  void centredSignForwardUsesPerChannelUncentredScale() {
    // Row 0: mean 1, a = mean|W| = (0 + 1 + 2)/3 = 1; row 1: mean -2, a = 2.
    const auto w = torch::tensor({{0.0, 1.0, 2.0}, {-1.0, -2.0, -3.0}}, torch::kDouble);
    const auto expected = torch::tensor({{-1.0, 1.0, 1.0}, {2.0, 2.0, -2.0}}, torch::kDouble);
    BINVIT_COMPARE_EXACT(centred_sign_binarize(w), expected);
  }

  void centredSignBackwardClipsAndFlowsThroughTheMean() {
    for (const auto& shape : {std::vector<int64_t>{6, 9}, std::vector<int64_t>{4, 2, 3, 3}}) {
      const auto w = (1.5 * torch::randn(shape, torch::kDouble)).requires_grad_();
      const auto g = torch::randn(shape, torch::kDouble);
      centred_sign_binarize(w).backward(g);
      // Closed form: g' = g 1{|W - mean_c W| <= 1}; dW = g' - mean_c(g').
      const auto centred = w.detach() - per_channel_mean(w.detach());
      const auto passed = g * (centred.abs() <= 1).to(torch::kDouble);
      const auto expected = passed - per_channel_mean(passed);
      BINVIT_COMPARE_TENSORS(w.grad(), expected, 1e-12);
    }
  }
};

BINVIT_REGISTER_TEST(TestWeightBinarizers);
#include "test_weight_binarizers.moc"
