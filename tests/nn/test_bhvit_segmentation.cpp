#include <torch/torch.h>

#include "core/nn/models/bhvit_segmentation.h"
#include "core/nn/models/model_registry.h"
#include "tests/nn/bhvit_closed_form.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn;

namespace {

std::shared_ptr<BhvitSegmentation> build_segmentation(const char* preset) {
  auto model = std::dynamic_pointer_cast<BhvitSegmentation>(
      build_segmentation_model(preset_config(preset)));
  if (!model) throw std::logic_error(std::string(preset) + " did not build a BhvitSegmentation");
  return model;
}

int64_t head_parameters(const BhvitSegmentationConfig& c) {
  const int64_t f = c.fpn_dim, k = c.backbone.num_classes;
  int64_t total = f * f * 9 + 2 * f + f * k + k;
  for (int64_t dim : c.backbone.dims) total += dim * f + f;
  return total;
}

}  // namespace

class TestBhvitSegmentation : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(53); }

  void logitsPerPixelAtTheInputResolution() {
    const auto model = build_segmentation("bhvit-seg-mini");
    QCOMPARE(model->input_shape(), (std::vector<int64_t>{3, 64, 64}));
    const auto images = torch::randn({2, 3, 64, 64});
    model->train();
    const auto logits = model->forward(images);
    QCOMPARE(logits.sizes(), (std::vector<int64_t>{2, 21, 64, 64}));
    logits.pow(2).mean().backward();
    for (const auto& p : model->named_parameters()) {
      QVERIFY2(p.value().grad().defined(), p.key().c_str());
    }
    model->eval();
    torch::NoGradGuard no_grad;
    QVERIFY(torch::isfinite(model->forward(images)).all().item<bool>());
  }

  void tinyPresetRunsOneImage() {
    const auto model = build_segmentation("bhvit-seg-tiny");
    model->eval();
    torch::NoGradGuard no_grad;
    QCOMPARE(model->forward(torch::randn({1, 3, 224, 224})).sizes(),
             (std::vector<int64_t>{1, 150, 224, 224}));
  }

  void parameterCountsMatchTheClosedForm() {
    for (const char* preset : {"bhvit-seg-mini", "bhvit-seg-tiny"}) {
      const auto model = build_segmentation(preset);
      QCOMPARE(count_parameters(*model),
               binvit::test::bhvit_backbone_parameters(model->config.backbone) +
                   head_parameters(model->config));
    }
  }

  void configRoundTripsAndIsNotAClassifier() {
    const auto config = preset_config("bhvit-seg-mini");
    QVERIFY(task_of(config) == ModelTask::Segmentation);
    QVERIFY(build_segmentation_model(config)->config_json() == config);
    bool rejected = false;
    try {
      build_model(config);
    } catch (const std::invalid_argument& error) {
      rejected = std::string(error.what()).find("segmentation") != std::string::npos;
    }
    QVERIFY(rejected);
    bool named = false;
    try {
      build_segmentation_model(apply_overrides(config, {"fpn_dim=0"}));
    } catch (const std::invalid_argument& error) {
      named = std::string(error.what()).find("'fpn_dim'") != std::string::npos;
    }
    QVERIFY(named);
  }

  void regulariserCoversTheBackbone() {
    const auto model = build_segmentation("bhvit-seg-mini");
    QVERIFY(model->weight_oscillation_regularizer().item<double>() > 0.5);
  }
};

BINVIT_REGISTER_TEST(TestBhvitSegmentation);
#include "test_bhvit_segmentation.moc"
