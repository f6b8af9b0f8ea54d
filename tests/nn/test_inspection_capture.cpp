#include <torch/torch.h>

#include "core/nn/inspection_capture.h"
#include "core/nn/models/model_registry.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn;

namespace {

std::shared_ptr<ClassifierModel> mini(const char* preset) {
  auto model = build_model(apply_overrides(preset_config(preset), {"depth=3"}));
  model->eval();
  return model;
}

}  // namespace

class TestInspectionCapture : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(37); }

  void offByDefault() {
    const auto model = mini("gsb-deit-mini");
    const auto capture = std::make_shared<InspectionCapture>();
    torch::NoGradGuard no_grad;
    model->forward(torch::randn({1, 3, 32, 32}));
    set_inspection_capture(*model, capture);
    set_inspection_capture(*model, nullptr);
    model->forward(torch::randn({1, 3, 32, 32}));
    QVERIFY(capture->attention.empty() && capture->activations.empty());
  }

  void gsbCaptureHoldsEveryLayerHeadAndComponent() {
    const auto model = mini("gsb-deit-mini");
    const auto capture = std::make_shared<InspectionCapture>();
    set_inspection_capture(*model, capture);
    torch::NoGradGuard no_grad;
    model->forward(torch::randn({2, 3, 32, 32}));

    QCOMPARE(capture->attention.size(), size_t{3});
    int64_t maps = 0;
    for (const AttentionRecord& r : capture->attention) {
      maps += r.probabilities.size(1);
      QCOMPARE(r.probabilities.sizes(), (std::vector<int64_t>{2, 4, 66, 66}));
      BINVIT_COMPARE_TENSORS(r.probabilities.sum(-1), torch::ones({2, 4, 66}), 1e-5);
      QCOMPARE(r.attention_masks.size(0), int64_t{2});
      QVERIFY((r.attention_masks[1] <= r.attention_masks[0]).all().item<bool>());  // M3 in M2
      QCOMPARE(r.value_groups.sizes(), (std::vector<int64_t>{2, 2, 4, 66, 32}));
      // The components reproduce the quantized attention: a1 B + a2 M2 + a3 M3.
      const auto a = r.attention_scales.clamp_min(1e-5);
      BINVIT_COMPARE_TENSORS(r.quantized,
                             a[0] * r.base_map + a[1] * r.attention_masks[0] +
                                 a[2] * r.attention_masks[1],
                             1e-6);
    }
    QCOMPARE(maps, int64_t{3 * 4});  // layers x heads
    QCOMPARE(capture->attention[1].layer, std::string("blocks.1.attn"));
    // qkv, proj, fc1, fc2 per block record their binarized inputs.
    QCOMPARE(capture->activations.size(), size_t{3 * 4});
    for (const ActivationRecord& r : capture->activations) {
      QVERIFY2(std::get<0>(at::_unique(r.binarized.abs())).numel() <= 2, r.layer.c_str());  // {alpha}, {0, alpha}
    }
  }

  void floatTeacherCapturesProbabilitiesOnly() {
    const auto model = mini("deit-mini");
    const auto capture = std::make_shared<InspectionCapture>();
    set_inspection_capture(*model, capture);
    torch::NoGradGuard no_grad;
    model->forward(torch::randn({1, 3, 32, 32}));
    QCOMPARE(capture->attention.size(), size_t{3});
    QVERIFY(!capture->attention[0].quantized.defined());
    QVERIFY(capture->activations.empty());
    BINVIT_COMPARE_TENSORS(capture->attention[0].probabilities.sum(-1), torch::ones({1, 4, 65}), 1e-5);
  }
};

BINVIT_REGISTER_TEST(TestInspectionCapture);
#include "test_inspection_capture.moc"
