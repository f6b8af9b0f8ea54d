#include <torch/torch.h>

#include "core/nn/models/deit.h"
#include "core/nn/models/model_registry.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>

#include <cmath>

using namespace binvit::nn;

namespace {

nlohmann::json mini(const char* name, std::vector<std::string> overrides = {}) {
  overrides.push_back("depth=2");  // keeps the test fast; the shape logic is per block
  return apply_overrides(preset_config(name), overrides);
}

QString error_of(const std::function<void()>& make) {
  try {
    make();
  } catch (const std::exception& error) {
    return QString::fromUtf8(error.what());
  }
  return {};
}

}  // namespace

class TestModels : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(29); }

  void everyPresetBuildsAndItsSummaryCountsEveryParameter() {
    for (const ModelPreset& preset : model_presets()) {
      if (preset.task != ModelTask::Classification) continue;  // no classifier head
      const auto model = build_model(preset.config);
      const ModelSummary summary = model->summary();
      QVERIFY2(summary.total_parameters() == count_parameters(*model), preset.name.c_str());
      QVERIFY2(summary.total_packed_bytes() <= summary.total_float_bytes(), preset.name.c_str());
    }
  }

  void floatDeitSmallIsAbout46Gflops() {
    const double flops = build_model(preset_config("deit-small"))->summary().total_flops();
    QVERIFY2(std::abs(flops / 4.6e9 - 1.0) < 0.03, qPrintable(QString::number(flops)));
  }

  void binaryLinearsAreCountedAsBopsAndPackedThirtyTwoTimesSmaller() {
    const ModelSummary s = build_model(preset_config("gsb-deit-small"))->summary();
    bool seen = false;
    for (const LayerCost& row : s.layers) {
      if (row.name != "blocks.0.mlp.fc2") continue;
      seen = true;
      QCOMPARE(row.bits, std::string("W1A1"));
      QCOMPARE(row.flops, 0.0);
      QCOMPARE(row.bops, 198.0 * 1536 * 384);
      // 384 x 1536 weights: 384 rows of 24 words, plus a float scale per row; other parameters
      // (bias, input shift, alpha) stay float.
      const int64_t weight_bits_bytes = 384 * 24 * 8;
      QCOMPARE(row.packed_bytes - (row.parameters - 384 * 1536) * 4 - 384 * 4, weight_bits_bytes);
      QCOMPARE(int64_t{384} * 1536 * 4 / weight_bits_bytes, int64_t{32});
    }
    QVERIFY(seen);
    QVERIFY(s.total_ops() < 0.05 * build_model(preset_config("deit-small"))->summary().total_ops());
  }

  void forwardShapesInTrainingAndEvaluation_data() {
    QTest::addColumn<QString>("preset");
    for (const char* name : {"deit-mini", "gsb-deit-mini", "gsb-deit-mini-stage1", "binary-deit-mini"}) {
      QTest::newRow(name) << name;
    }
  }

  void forwardShapesInTrainingAndEvaluation() {
    QFETCH(QString, preset);
    const auto model = build_model(mini(preset.toUtf8().constData()));
    const auto images = torch::randn({3, 3, 32, 32});
    model->train();
    const ClassifierOutput out = model->forward_heads(images);
    QCOMPARE(out.logits.sizes(), (std::vector<int64_t>{3, 10}));
    QVERIFY(torch::isfinite(out.logits).all().item<bool>());
    const bool distilled = model->config_json().at("distillation_token").get<bool>();
    QCOMPARE(out.distillation_logits.defined(), distilled);
    model->eval();
    torch::NoGradGuard no_grad;
    const ClassifierOutput heads = model->forward_heads(images);
    const torch::Tensor prediction = model->forward(images);
    BINVIT_COMPARE_TENSORS(prediction,
                           distilled ? (heads.logits + heads.distillation_logits) / 2 : heads.logits,
                           1e-6);
  }

  void gradientsReachEveryTrainableParameter() {
    const auto model = build_model(mini("gsb-deit-mini"));
    model->train();
    const ClassifierOutput out = model->forward_heads(torch::randn({4, 3, 32, 32}));
    (out.logits.pow(2).mean() + out.distillation_logits.pow(2).mean()).backward();
    for (const auto& p : model->named_parameters()) {
      QVERIFY2(p.value().grad().defined(), p.key().c_str());
    }
  }

  void imageScopeMakesPredictionsIndependentOfTheBatch() {
    const auto model = build_model(mini("gsb-deit-mini"));
    model->train();
    model->forward_heads(torch::randn({4, 3, 32, 32}));  // first batch: scales initialised
    model->eval();
    torch::NoGradGuard no_grad;
    const auto image = torch::randn({1, 3, 32, 32});
    const auto alone = model->forward(image);
    const auto in_batch = model->forward(torch::cat({image, 5 * torch::randn({2, 3, 32, 32})}));
    BINVIT_COMPARE_TENSORS(in_batch.slice(0, 0, 1), alone, 1e-5);
  }

  void checkpointRoundTripIsBitExact() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("model.pt").toStdString();
    const auto trained = build_model(mini("gsb-deit-mini"));
    trained->forward_heads(torch::randn({2, 3, 32, 32}));
    torch::serialize::OutputArchive out;
    trained->save(out);
    out.save_to(path);
    const auto loaded = build_model(trained->config_json());
    torch::serialize::InputArchive in;
    in.load_from(path);
    loaded->load(in);
    const auto a = trained->named_parameters(), b = loaded->named_parameters();
    for (const auto& p : a) BINVIT_COMPARE_EXACT(b[p.key()], p.value());
    trained->eval();
    loaded->eval();
    torch::NoGradGuard no_grad;
    const auto images = torch::randn({2, 3, 32, 32});
    BINVIT_COMPARE_EXACT(loaded->forward(images), trained->forward(images));
  }

  void configJsonRoundTrips() {
    const auto config = preset_config("gsb-deit-small");
    QVERIFY(build_model(config)->config_json() == config);
  }

  void invalidConfigsNameTheField_data() {
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("field");
    QTest::newRow("heads") << "heads=5" << "'heads'";
    QTest::newRow("patch") << "patch_size=5" << "'patch_size'";
    QTest::newRow("scope") << "threshold_scope=global" << "'threshold_scope'";
    QTest::newRow("taus") << "attention_taus=[0.9,0.7]" << "'attention_taus'";
    QTest::newRow("variant") << "variant=ternary" << "'variant'";
    QTest::newRow("type") << "depth=\"six\"" << "'depth'";
    QTest::newRow("unknown") << "window=7" << "'window'";
  }

  void invalidConfigsNameTheField() {
    QFETCH(QString, override);
    QFETCH(QString, field);
    const QString message = error_of([&] {
      build_model(apply_overrides(preset_config("gsb-deit-mini"), {override.toStdString()}));
    });
    QVERIFY2(message.contains(field), qPrintable("message: " + message));
  }

  void unknownPresetListsTheKnownOnes() {
    const QString message = error_of([] { preset_config("gsb-vit-huge"); });
    QVERIFY2(message.contains("gsb-deit-mini") && message.contains("gsb-vit-huge"),
             qPrintable(message));
  }
};

BINVIT_REGISTER_TEST(TestModels);
#include "test_models.moc"
