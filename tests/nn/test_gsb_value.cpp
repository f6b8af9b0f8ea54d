#include <torch/torch.h>

#include "core/nn/functional/group_superposition.h"
#include "core/nn/quantizers/gsb_value_quantizer.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <cmath>

using namespace binvit::nn;
using namespace binvit::nn::functional;

namespace {

// max 3, min -2: G2 = {v > 2.1 or v < -1.4} = {-2, -1.5, 3}; G3 = {v > 2.7 or v < -1.8} = {-2, 3}.
torch::Tensor hand_value() {
  return torch::tensor({-2.0, -1.5, -0.5, 0.0, 1.0, 3.0}, torch::kDouble).reshape({1, 1, 1, 6});
}

const std::vector<double> kTaus{0.7, 0.9};

}  // namespace

class TestGsbValue : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(9); }

  void groupsHoldTheLargestPositiveAndNegativeValues() {
    const auto groups = value_groups(hand_value(), kTaus, ThresholdScope::Image);
    BINVIT_COMPARE_EXACT(groups[0].reshape({6}),
                         torch::tensor({1.0, 1.0, 0.0, 0.0, 0.0, 1.0}, torch::kDouble));
    BINVIT_COMPARE_EXACT(groups[1].reshape({6}),
                         torch::tensor({1.0, 0.0, 0.0, 0.0, 0.0, 1.0}, torch::kDouble));
  }

  void forwardLevelsAreHandComputed() {
    const auto v = hand_value();
    const auto betas = torch::tensor({1.0, 0.5, 0.25}, torch::kDouble);
    const auto out = gsb_value(v, betas, value_groups(v, kTaus, ThresholdScope::Image));
    // sgn(0) = +1 for the first component; groups add +-b_k with the ternary sign.
    BINVIT_COMPARE_EXACT(out.reshape({6}),
                         torch::tensor({-1.75, -1.5, -1.0, 1.0, 1.0, 1.75}, torch::kDouble));
  }

  void gradientsMatchClosedForm() {
    const auto v = torch::randn({2, 3, 7, 8}, torch::kDouble).requires_grad_();
    const auto betas = torch::tensor({0.6, 0.4, 0.3}, torch::kDouble).requires_grad_();
    const auto g = torch::randn({2, 3, 7, 8}, torch::kDouble);
    gsb_value(v, betas, value_groups(v, kTaus, ThresholdScope::Image)).backward(g);

    const auto vd = v.detach();
    const auto mx = vd.reshape({2, -1}).amax(1).reshape({2, 1, 1, 1});
    const auto mn = vd.reshape({2, -1}).amin(1).reshape({2, 1, 1, 1});
    const auto g2 = ((vd > 0.7 * mx) | (vd < 0.7 * mn)).to(torch::kDouble);
    const auto g3 = ((vd > 0.9 * mx) | (vd < 0.9 * mn)).to(torch::kDouble);
    const std::vector<torch::Tensor> parts{vd, vd * g2, vd * g3};
    const std::vector<double> b{0.6, 0.4, 0.3};
    const std::vector<double> counts{double(vd.numel()), g2.sum().item<double>(),
                                     g3.sum().item<double>()};
    torch::Tensor expected_v = torch::zeros_like(vd);
    std::vector<torch::Tensor> expected_b;
    for (size_t k = 0; k < 3; ++k) {
      const auto inside = (parts[k].abs() <= b[k]).to(torch::kDouble);
      const auto sign = k == 0 ? torch::where(parts[k] >= 0, torch::ones_like(vd), -torch::ones_like(vd))
                               : torch::sign(parts[k]);
      expected_v = expected_v + g * inside;
      expected_b.push_back((g * (sign - inside * parts[k] / b[k])).sum() / std::sqrt(counts[k]));
    }
    BINVIT_COMPARE_TENSORS(v.grad(), expected_v, 1e-12);
    BINVIT_COMPARE_TENSORS(betas.grad(), torch::stack(expected_b), 1e-6);
  }

  void firstBatchInitialisationIsCumulative() {
    // Outside G2 {-0.5, 0, 1}: 2 * 0.5 = 1; G2 \ G3 {-1.5}: 3; G3 {-2, 3}: 5 -> (1, 2, 2).
    GsbValueQuantizer quantizer;
    quantizer->forward(hand_value().to(torch::kFloat));
    BINVIT_COMPARE_TENSORS(quantizer->beta.detach(), torch::tensor({1.0, 2.0, 2.0}), 1e-6);

    GsbValueQuantizer released(GsbValueQuantizerOptions().released_init(true));
    released->forward(hand_value().to(torch::kFloat));
    BINVIT_COMPARE_TENSORS(released->beta.detach(), torch::tensor({1.0, 3.0, 5.0}), 1e-6);
  }

  void imageScopeMakesImagesIndependent() {
    const auto betas = torch::tensor({0.5, 0.3, 0.2}, torch::kDouble);
    const auto image = torch::randn({1, 2, 4, 8}, torch::kDouble);
    const auto quantize_first = [&](const torch::Tensor& mate, ThresholdScope scope) {
      const auto batch = torch::cat({image, mate});
      return gsb_value(batch, betas, value_groups(batch, kTaus, scope))[0];
    };
    const auto quiet = 0.1 * image;
    const auto loud = 10 * torch::ones_like(image);
    QVERIFY(torch::equal(quantize_first(quiet, ThresholdScope::Image),
                         quantize_first(loud, ThresholdScope::Image)));
    QVERIFY(!torch::equal(quantize_first(quiet, ThresholdScope::Batch),
                          quantize_first(loud, ThresholdScope::Batch)));
  }
};

BINVIT_REGISTER_TEST(TestGsbValue);
#include "test_gsb_value.moc"
