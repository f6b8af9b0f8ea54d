// BHViT exported to `.bvit` and run by the packed engine against the LibTorch model in eval mode:
// every small preset (binary and float downsampling, the two-stage 28 px model), with non-zero
// shifts and BatchNorm statistics so that every folded path carries values.
#include <torch/torch.h>

#include "core/nn/export/bvit_export.h"
#include "core/nn/export/engine_agreement.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/format/bvit_file.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

namespace nn = binvit::nn;
namespace engine = binvit::runtime::engine;
namespace fmt = binvit::runtime::format;

namespace {

std::shared_ptr<nn::ClassifierModel> prepared_bhvit(const std::string& preset, uint64_t seed) {
  torch::manual_seed(static_cast<int64_t>(seed));
  auto model = nn::build_model(nn::preset_config(preset));
  torch::NoGradGuard no_grad;
  for (auto& item : model->named_parameters()) {
    const std::string& name = item.key();
    if (name.find("shift") != std::string::npos || name.find("zeta") != std::string::npos ||
        name.find("gamma") != std::string::npos) {
      item.value().normal_(0.0, 0.05);
    }
  }
  for (auto& item : model->named_buffers()) {
    const std::string& name = item.key();
    if (name.find("running_mean") != std::string::npos) item.value().normal_(0.0, 0.1);
    if (name.find("running_var") != std::string::npos) item.value().uniform_(0.5, 2.0);
  }
  model->eval();
  const auto shape = model->input_shape();
  model->forward(torch::randn({4, shape[0], shape[1], shape[2]}));  // initialises QD and LSQ scales
  return model;
}

}  // namespace

class TestBhvitEngine : public QObject {
  Q_OBJECT

 private slots:
  void presetsMatchLibTorch_data() {
    QTest::addColumn<QString>("preset");
    for (const char* p :
         {"bhvit-mini", "bhvit-mini-fp-down", "bhvit-mini-28", "bhvit-mini-28-fp-down"}) {
      QTest::newRow(p) << QString(p);
    }
  }
  void presetsMatchLibTorch() {
    QFETCH(QString, preset);
    for (uint64_t seed : {1u, 2u}) {
      auto model = prepared_bhvit(preset.toStdString(), seed);
      const std::string bytes = nn::export_bvit_bytes(*model, {});
      engine::Engine e(fmt::BvitFile::parse(bytes.data(), bytes.size(), "bhvit.bvit"));
      QCOMPARE(e.graph().family, std::string("bhvit"));
      const auto shape = model->input_shape();
      nn::AgreementReport report;
      nn::compare_engine_with_model(*model, e, torch::randn({6, shape[0], shape[1], shape[2]}),
                                    report);
      const std::string what =
          preset.toStdString() + " seed " + std::to_string(seed) + ": max relative difference " +
          std::to_string(report.max_relative_difference) + ", top-1 " +
          std::to_string(report.top1_agreeing) + "/" + std::to_string(report.images);
      QVERIFY2(report.max_relative_difference <= 1e-4, what.c_str());
      QVERIFY2(report.top1_agreeing == report.images, what.c_str());
    }
  }

  // An image's logits do not depend on its batch-mates (BHViT has no batch-scoped thresholds).
  void batchIndependent() {
    auto model = prepared_bhvit("bhvit-mini", 3);
    const std::string bytes = nn::export_bvit_bytes(*model, {});
    engine::Engine e(fmt::BvitFile::parse(bytes.data(), bytes.size(), "bhvit.bvit"));
    const auto shape = model->input_shape();
    const torch::Tensor images = torch::randn({3, shape[0], shape[1], shape[2]}).contiguous();
    const std::vector<float> together = e.run(images.data_ptr<float>(), 3);
    const torch::Tensor second = images[1].contiguous();
    const std::vector<float> alone = e.run(second.data_ptr<float>(), 1);
    const std::size_t classes = e.classes();
    for (std::size_t i = 0; i < classes; ++i) QCOMPARE(alone[i], together[classes + i]);
  }
};

BINVIT_REGISTER_TEST(TestBhvitEngine);
#include "test_bhvit_engine.moc"
