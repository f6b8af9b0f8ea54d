#include <torch/torch.h>

#include "core/inspect/attention_rollout.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using binvit::inspect::attention_rollout;

class TestAttentionRollout : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(23); }

  void rowsSumToOne() {
    std::vector<torch::Tensor> layers;
    for (int i = 0; i < 6; ++i) layers.push_back(torch::softmax(torch::randn({3, 10, 10}), -1));
    const auto rollout = attention_rollout(layers);
    BINVIT_COMPARE_TENSORS(rollout.sum(-1), torch::ones({10}), 1e-5);
    QVERIFY((rollout >= 0).all().item<bool>());
  }

  void rowsSumToOneForQuantizedAttentionWithEmptyRows() {
    // Binarized attention: levels {0, a1, ...}, rows may be all zero and need not sum to 1.
    auto a = (torch::rand({2, 6, 6}) > 0.7).to(torch::kFloat) * 0.3;
    a[0][2].zero_();
    const auto rollout = attention_rollout({a, a});
    BINVIT_COMPARE_TENSORS(rollout.sum(-1), torch::ones({6}), 1e-5);
  }

  void singleLayerIsTheResidualMixture() {
    const auto a = torch::tensor({{0.0, 1.0}, {0.5, 0.5}});
    const auto expected = torch::tensor({{0.5, 0.5}, {0.25, 0.75}});
    BINVIT_COMPARE_TENSORS(attention_rollout({a}), expected, 1e-6);
  }

  void rejectsInconsistentLayers() {
    QVERIFY_THROWS_EXCEPTION(c10::Error, attention_rollout({}));
    QVERIFY_THROWS_EXCEPTION(c10::Error,
                             attention_rollout({torch::rand({2, 4, 4}), torch::rand({2, 5, 5})}));
  }
};

BINVIT_REGISTER_TEST(TestAttentionRollout);
#include "test_attention_rollout.moc"
