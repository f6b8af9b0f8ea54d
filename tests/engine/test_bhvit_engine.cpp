// BHViT exported to `.bvit` and run by the packed engine against the LibTorch model in eval mode:
// every small preset (binary and float downsampling, the two-stage 28 px model), with non-zero
// shifts and BatchNorm statistics so that every folded path carries values.
#include <torch/torch.h>

#include "core/nn/export/bvit_export.h"
#include "core/nn/export/engine_agreement.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/format/bvit_file.h"
#include "tests/engine/agreement_checks.h"
#include "tests/support/test_registry.h"

#include <cstring>

#include <QObject>
#include <QTest>

namespace nn = binvit::nn;
namespace engine = binvit::runtime::engine;
namespace fmt = binvit::runtime::format;
using binvit::test::check_end_to_end;
using binvit::test::describe;
using binvit::test::engine_for;
using binvit::test::expected_bhvit_rows;
using binvit::test::images_for;
using binvit::test::randomize_bhvit_statistics;

namespace {

std::shared_ptr<nn::ClassifierModel> prepared_bhvit(
    const std::string& preset, uint64_t seed, const std::vector<std::string>& overrides = {}) {
  torch::manual_seed(static_cast<int64_t>(seed));
  auto model = nn::build_model(nn::apply_overrides(nn::preset_config(preset), overrides));
  randomize_bhvit_statistics(*model);
  model->eval();
  torch::NoGradGuard no_grad;
  model->forward(images_for(*model, 4));  // initialises QD and LSQ scales
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
      nn::AgreementReport report;
      nn::compare_engine_with_model(*model, e, images_for(*model, 6), report);
      QCOMPARE(static_cast<int>(report.layers.size()), expected_bhvit_rows(*model));
      QCOMPARE(static_cast<int>(report.layerwise.size()), expected_bhvit_rows(*model));
      QVERIFY2(report.layerwise_differing() == 0, describe(report).c_str());
      check_end_to_end(report);
    }
  }

  // Each kind of block alone (stem, one block, head), and one downsampling between two blocks,
  // binary and float: every bit layer by layer, and the logits end to end.
  void eachBlockAloneMatchesLibTorch_data() {
    QTest::addColumn<QStringList>("overrides");
    const QStringList one_stage = {"dims=[32]", "depths=[1]", "heads=[2]", "window_sizes=[7]",
                                   "mlp_ratios=[2]"};
    QTest::newRow("one MSGDC block") << (one_stage + QStringList{R"(mixers=["msgdc"])"});
    QTest::newRow("one MSMHA block") << (one_stage + QStringList{R"(mixers=["msmha"])"});
    const QStringList two_stages = {"depths=[1,1]", R"(mixers=["msgdc","msmha"])"};
    QTest::newRow("binary downsampling") << two_stages;
    QTest::newRow("float downsampling") << (two_stages + QStringList{"float_downsampling=true"});
  }
  void eachBlockAloneMatchesLibTorch() {
    QFETCH(QStringList, overrides);
    std::vector<std::string> settings;
    for (const QString& o : overrides) settings.push_back(o.toStdString());
    auto model = prepared_bhvit("bhvit-mini-28", 6, settings);
    engine::Engine e = engine_for(*model);
    nn::AgreementReport report;
    nn::compare_engine_with_model(*model, e, images_for(*model, 5), report);
    QCOMPARE(static_cast<int>(report.layerwise.size()), expected_bhvit_rows(*model));
    QVERIFY2(report.layerwise_differing() == 0, describe(report).c_str());
    check_end_to_end(report);
  }

  // The comparison sees a wrong weight bit: the engine keeps the exported weights while one
  // weight of one convolution of the model changes sign, so exactly that convolution's products
  // differ when every layer is fed the model's input.
  void detectsAWrongWeightBit() {
    auto model = prepared_bhvit("bhvit-mini", 4);
    engine::Engine e = engine_for(*model);
    const std::string layer = "backbone.stages.0.0.msgdc.convs.1";
    {
      torch::NoGradGuard no_grad;
      auto* conv = model->named_modules()[layer]->as<nn::BinaryConv2dImpl>();
      QVERIFY(conv != nullptr);
      const torch::Tensor w = conv->weight;
      const torch::Tensor centred = w[0] - w[0].mean();
      const auto at =
          centred.abs().argmax().item<int64_t>();  // far from the centre: its sign flips
      w[0].view({-1})[at] = 2 * w[0].mean() - w[0].view({-1})[at];
    }
    nn::AgreementReport report;
    nn::compare_engine_with_model(*model, e, images_for(*model, 2), report);
    QVERIFY(!report.passes());
    for (const nn::LayerAgreement& l : report.layerwise) {
      const bool changed = l.name == layer + ".product";
      QVERIFY2(changed == (l.differing > 0), (l.name + ": " + std::to_string(l.differing)).c_str());
    }
  }

  // An image's logits do not depend on its batch-mates (BHViT has no batch-scoped thresholds).
  void batchIndependent() {
    auto model = prepared_bhvit("bhvit-mini", 3);
    engine::Engine e = engine_for(*model);
    const torch::Tensor images = images_for(*model, 3).contiguous();
    const std::vector<float> together = e.run(images.data_ptr<float>(), 3);
    const torch::Tensor second = images[1].contiguous();
    const std::vector<float> alone = e.run(second.data_ptr<float>(), 1);
    const std::size_t classes = e.classes();
    for (std::size_t i = 0; i < classes; ++i) QCOMPARE(alone[i], together[classes + i]);
  }

  // The wrapper ops run in the binary layers' epilogues give the very bits of the separate ops,
  // on classifiers with binary and with float downsampling and on the segmentation model.
  void fusedEpiloguesChangeNoBit() {
    for (const std::string& bytes : three_files()) {
      engine::Engine e(fmt::BvitFile::parse(bytes.data(), bytes.size(), "bhvit.bvit"));
      QVERIFY(e.fused_ops() > 0);
      const torch::Tensor images = images_of(e, 3);
      const std::vector<float> fused = e.run(images.data_ptr<float>(), 3);
      e.set_fused_epilogues(false);
      const std::vector<float> separate = e.run(images.data_ptr<float>(), 3);
      QCOMPARE(fused.size(), separate.size());
      QVERIFY(std::memcmp(fused.data(), separate.data(), fused.size() * sizeof(float)) == 0);
    }
  }

  // The float ops split their rows over the threads without changing a bit.
  void twoThreadsGiveTheBitsOfOne() {
    for (const std::string& bytes : three_files()) {
      engine::Engine e(fmt::BvitFile::parse(bytes.data(), bytes.size(), "bhvit.bvit"));
      const torch::Tensor images = images_of(e, 2);
      const std::vector<float> one = e.run(images.data_ptr<float>(), 2);
      engine::set_engine_threads(2);
      const std::vector<float> two = e.run(images.data_ptr<float>(), 2);
      engine::set_engine_threads(1);
      QCOMPARE(one.size(), two.size());
      QVERIFY(std::memcmp(one.data(), two.data(), one.size() * sizeof(float)) == 0);
    }
  }

 private:
  // A classifier with binary and one with float downsampling, and the segmentation model.
  static std::vector<std::string> three_files() {
    torch::manual_seed(7);
    auto segmentation = nn::build_segmentation_model(nn::preset_config("bhvit-seg-mini"));
    randomize_bhvit_statistics(*segmentation);
    segmentation->eval();
    {
      torch::NoGradGuard no_grad;
      const auto shape = segmentation->input_shape();
      segmentation->forward(torch::randn({4, shape[0], shape[1], shape[2]}));
    }
    return {nn::export_bvit_bytes(*prepared_bhvit("bhvit-mini", 5), {}),
            nn::export_bvit_bytes(*prepared_bhvit("bhvit-mini-28-fp-down", 5), {}),
            nn::export_bvit_bytes(*segmentation, {})};
  }

  static torch::Tensor images_of(const engine::Engine& e, int64_t count) {
    const auto& p = e.graph().preprocessing;
    return torch::randn({count, static_cast<int64_t>(p.channels),
                         static_cast<int64_t>(p.image_size), static_cast<int64_t>(p.image_size)});
  }
};

BINVIT_REGISTER_TEST(TestBhvitEngine);
#include "test_bhvit_engine.moc"
