#include <torch/torch.h>

#include "core/nn/io/model_weights.h"
#include "core/nn/io/released_bhvit_names.h"
#include "core/nn/models/bhvit.h"
#include "core/nn/models/model_registry.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>

#include <algorithm>

using namespace binvit::nn;

namespace {

// A model whose QD scales have seen one batch and whose BatchNorm statistics moved.
std::shared_ptr<ClassifierModel> trained(const char* preset) {
  auto model = build_model(preset_config(preset));
  model->train();
  model->forward(torch::randn({3, 3, 32, 32}));
  return model;
}

torch::Tensor find(const NamedTensors& tensors, const std::string& name) {
  for (const auto& [n, t] : tensors) {
    if (n == name) return t;
  }
  return {};
}

bool contains(const std::vector<std::string>& names, const std::string& text) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

class TestBhvitWeights : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(47); }

  void safetensorsRoundTripIsBitExact_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("released");
    for (const char* preset : {"bhvit-mini", "bhvit-mini-fp-down"}) {
      QTest::newRow((std::string(preset) + "_project").c_str()) << preset << false;
      QTest::newRow((std::string(preset) + "_released").c_str()) << preset << true;
    }
  }

  void safetensorsRoundTripIsBitExact() {
    QFETCH(QString, preset);
    QFETCH(bool, released);
    const TensorNaming naming = released ? TensorNaming::Released : TensorNaming::Project;
    QTemporaryDir dir;
    const auto path = dir.filePath("bhvit.safetensors").toStdString();
    const auto source = trained(preset.toUtf8().constData());
    save_model_safetensors(path, *source, naming);
    const auto loaded = build_model(source->config_json());
    const LoadReport report = load_model_safetensors(path, *loaded, naming);
    QVERIFY2(report.complete(), report.describe().c_str());
    const auto a = named_state(*source), b = named_state(*loaded);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      QVERIFY2(torch::equal(a[i].second, b[i].second), a[i].first.c_str());
    }
    source->eval();
    loaded->eval();
    torch::NoGradGuard no_grad;
    const auto images = torch::randn({2, 3, 32, 32});
    BINVIT_COMPARE_EXACT(loaded->forward(images), source->forward(images));
  }

  void releasedNamesFollowTheAuthorsCode() {
    const auto model = trained("bhvit-mini");
    const BhvitConfig c = bhvit_config_from_json(model->config_json());
    const NamedTensors released = to_released_bhvit(named_state(*model), c);
    // Every tensor of the float-ended model has a released name.
    for (const auto& [name, tensor] : released) {
      QVERIFY2(name.rfind("vit.", 0) == 0 || name.rfind("classifier.", 0) == 0, name.c_str());
    }
    const std::vector<std::pair<std::string, std::vector<int64_t>>> expected{
        {"vit.embeddings.position_embeddings", {1, 32, 8, 8}},
        {"vit.embeddings.patch_embeddings.proj.weight", {32, 3, 4, 4}},
        {"vit.encoder.layerA.0.GC.move.bias", {1, 32, 1, 1}},
        {"vit.encoder.layerA.0.GC.cov3.weight", {32, 8, 3, 3}},
        {"vit.encoder.layerA.1.GC.act2.prelu.weight", {64}},
        {"vit.encoder.layerA.1.intermediate.dense.weight", {512, 64}},
        {"vit.encoder.layerA.1.layerscale_ch5.alpha", {64}},
        {"vit.encoder.patch_embed1.move", {1, 32, 1, 1}},
        {"vit.encoder.patch_embed3.position_embeddings", {1, 1, 256}},
        {"vit.encoder.layerB.1.attention.attention.token_FA.a1", {1, 1, 128}},
        {"vit.encoder.layerB.1.attention.attention.parm", {1, 128, 1, 1}},
        {"vit.encoder.layerB.2.attention.attention.movev2", {256}},
        {"vit.encoder.layerB.2.attention.attention.att_prob_quantizer.zero_point", {4}},
        {"vit.encoder.layerB.0.attention.output.layerscale.alpha", {128}},
        {"vit.encoder.layerB.0.output.rprelu.move2", {128}},
        {"vit.layernorm.running_var", {256}},
        {"classifier.weight", {10, 256}},
    };
    for (const auto& [name, shape] : expected) {
      const torch::Tensor t = find(released, name);
      QVERIFY2(t.defined(), name.c_str());
      QVERIFY2(t.sizes() == shape, name.c_str());
    }
    const torch::Tensor init_state =
        find(released, "vit.encoder.layerB.0.attention.attention.att_prob_quantizer.init_state");
    QVERIFY(init_state.defined() && init_state.scalar_type() == torch::kFloat);
    QCOMPARE(init_state.item<float>(), 1.0f);  // the QD scales saw a batch
  }

  void releasedNamesAreOneToOne() {
    for (const char* preset : {"bhvit-small", "bhvit-small-fp-down"}) {
      const auto names = released_bhvit_names(bhvit_config_from_json(preset_config(preset)));
      std::vector<std::string> ours, released;
      for (const auto& n : names) {
        ours.push_back(n.ours);
        released.push_back(n.released);
      }
      const auto unique = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return std::adjacent_find(v.begin(), v.end()) == v.end();
      };
      QVERIFY(unique(ours) && unique(released));
      // Every parameter and buffer of the model is paired.
      const auto model = build_model(preset_config(preset));
      QCOMPARE(named_state(*model).size(), names.size());
    }
  }

  void importReportsMissingTensorsByTheirReleasedName() {
    QTemporaryDir dir;
    const auto path = dir.filePath("partial.safetensors").toStdString();
    const auto model = trained("bhvit-mini");
    const BhvitConfig c = bhvit_config_from_json(model->config_json());
    SafetensorsContent content;
    for (auto& [name, tensor] : to_released_bhvit(named_state(*model), c)) {
      if (name == "vit.encoder.layerB.0.attention.attention.query.weight") continue;
      if (name == "vit.layernorm.bias") tensor = torch::zeros({3});
      content.tensors.emplace_back(name, tensor);
    }
    write_safetensors(path, content);
    const auto target = build_model(model->config_json());
    const LoadReport report = load_model_safetensors(path, *target, TensorNaming::Released);
    QVERIFY(!report.complete());
    QVERIFY2(contains(report.missing, "vit.encoder.layerB.0.attention.attention.query.weight"),
             report.describe().c_str());
    QVERIFY2(contains(report.mismatched, "norm.bias"), report.describe().c_str());
  }
};

BINVIT_REGISTER_TEST(TestBhvitWeights);
#include "test_bhvit_weights.moc"
