#include <torch/torch.h>

#include "core/nn/io/model_weights.h"
#include "core/nn/io/released_gsb_names.h"
#include "core/nn/models/deit.h"
#include "core/nn/models/model_registry.h"
#include "core/nn/quantizers/quantization_switch.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>

#include <algorithm>
#include <fstream>

using namespace binvit::nn;

namespace {

std::shared_ptr<ClassifierModel> small(const char* preset, std::vector<std::string> overrides = {}) {
  overrides.push_back("depth=2");
  return build_model(apply_overrides(preset_config(preset), overrides));
}

// A model whose lazily initialised scales have seen one batch.
std::shared_ptr<ClassifierModel> trained_gsb() {
  auto model = small("gsb-deit-mini");
  model->train();
  model->forward_heads(torch::randn({2, 3, 32, 32}));
  return model;
}

bool contains(const std::vector<std::string>& names, const std::string& prefix) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
}

void compare_states(torch::nn::Module& a, torch::nn::Module& b) {
  const auto sa = named_state(a), sb = named_state(b);
  QCOMPARE(sa.size(), sb.size());
  for (size_t i = 0; i < sa.size(); ++i) {
    QCOMPARE(sa[i].first, sb[i].first);
    QVERIFY2(torch::equal(sa[i].second, sb[i].second), sa[i].first.c_str());
  }
}

}  // namespace

class TestWeightInterchange : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(31); }

  void safetensorsRoundTripIsBitExact_data() {
    QTest::addColumn<bool>("released");
    QTest::newRow("project_names") << false;
    QTest::newRow("released_names") << true;
  }

  void safetensorsRoundTripIsBitExact() {
    QFETCH(bool, released);
    const TensorNaming naming = released ? TensorNaming::Released : TensorNaming::Project;
    QTemporaryDir dir;
    const auto path = dir.filePath("gsb.safetensors").toStdString();
    const auto trained = trained_gsb();
    save_model_safetensors(path, *trained, naming);
    const auto loaded = build_model(trained->config_json());
    const LoadReport report = load_model_safetensors(path, *loaded, naming);
    QVERIFY2(report.complete(), report.describe().c_str());
    compare_states(*trained, *loaded);
    trained->eval();
    loaded->eval();
    torch::NoGradGuard no_grad;
    const auto images = torch::randn({2, 3, 32, 32});
    BINVIT_COMPARE_EXACT(loaded->forward(images), trained->forward(images));
  }

  void releasedNamesFollowTheAuthorsCode() {
    const auto model = trained_gsb();
    const DeitConfig config = deit_config_from_json(model->config_json());
    const NamedTensors released = to_released_gsb(named_state(*model), config);
    const auto find = [&](const std::string& name) -> torch::Tensor {
      for (const auto& [n, t] : released) {
        if (n == name) return t;
      }
      return {};
    };
    for (const char* name : {"blocks.0.attn.clip_query", "blocks.0.attn.clip_attn3",
                             "blocks.1.attn.clip_value2", "blocks.0.attn.qkv.input_clip_val",
                             "blocks.1.mlp.fc2.input_clip_val", "head.input_clip_val"}) {
      const auto t = find(name);
      QVERIFY2(t.defined() && t.dim() == 0, name);  // AlphaInit scalars
    }
    QCOMPARE(find("blocks.0.attn.move_q.bias").sizes(), (std::vector<int64_t>{4, 1, 32}));
    QCOMPARE(find("blocks.0.attn.move_att.bias").sizes(), (std::vector<int64_t>{4, 66, 66}));
    QCOMPARE(find("blocks.0.mlp.fc1.move.bias").sizes(), (std::vector<int64_t>{128}));
    QCOMPARE(find("patch_embed.proj.alpha").sizes(), (std::vector<int64_t>{128}));
    QVERIFY(find("head.move.bias").defined() && find("head_dist.weight").defined());
    for (const auto& [name, tensor] : released) {
      QVERIFY2(name.find("initialized") == std::string::npos, name.c_str());
    }
  }

  void releasedScalesAtOneStayUninitialised() {
    // The released AlphaInit re-initialises a scale that still holds exactly 1.0.
    const auto model = small("gsb-deit-mini");
    const DeitConfig config = deit_config_from_json(model->config_json());
    const NamedTensors ours = from_released_gsb(to_released_gsb(named_state(*model), config), config);
    const LoadReport report = load_named_tensors(*model, ours);
    QVERIFY2(report.complete(), report.describe().c_str());
    const auto deit = std::dynamic_pointer_cast<Deit>(model);
    QCOMPARE(deit->blocks->ptr(0)->named_buffers()["attn.query_binarizer.initialized"].item<int>(), 0);
  }

  void importReportsMissingAndMisshapedTensorsByName() {
    QTemporaryDir dir;
    const auto path = dir.filePath("broken.safetensors").toStdString();
    const auto model = trained_gsb();
    const DeitConfig config = deit_config_from_json(model->config_json());
    SafetensorsContent content;
    for (auto& [name, tensor] : to_released_gsb(named_state(*model), config)) {
      if (name == "blocks.1.mlp.fc1.weight") continue;                  // missing
      if (name == "norm.bias") tensor = torch::zeros({7});              // wrong shape
      content.tensors.emplace_back(name, tensor);
    }
    content.tensors.emplace_back("blocks.0.attn.unknown", torch::zeros({1}));  // unexpected
    write_safetensors(path, content);
    const auto target = build_model(model->config_json());
    const LoadReport report = load_model_safetensors(path, *target, TensorNaming::Released);
    QVERIFY(!report.complete());
    QVERIFY(contains(report.missing, "blocks.1.mlp.fc1.weight"));
    QVERIFY(contains(report.mismatched, "norm.bias: source [7] vs model [128]"));
    QVERIFY(contains(report.unexpected, "blocks.0.attn.unknown"));
    const std::string text = report.describe();
    QVERIFY2(text.find("blocks.1.mlp.fc1.weight") != std::string::npos, text.c_str());
  }

  void corruptHeaderIsReportedWithTheFileName() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("corrupt.safetensors").toStdString();
    // A 16-byte header length, then a JSON header cut off mid-array and padded with garbage.
    std::ofstream(path, std::ios::binary) << std::string("\x10\0\0\0\0\0\0\0{\"w\": [1, 2}xxxx", 24);
    const auto model = small("gsb-deit-mini");
    try {
      load_model_safetensors(path, *model);
      QFAIL("a corrupt header must throw");
    } catch (const SafetensorsError& error) {
      QVERIFY2(std::string(error.what()).find("corrupt.safetensors") != std::string::npos, error.what());
    }
  }

  void stageOneToStageTwoKeepsEverySharedWeight() {
    const auto stage1 = small("gsb-deit-mini-stage1");
    stage1->train();
    stage1->forward_heads(torch::randn({2, 3, 32, 32}));  // moves BatchNorm statistics
    const auto stage2 = small("gsb-deit-mini");
    const LoadReport report = load_named_tensors(*stage2, named_state(*stage1));
    // Every tensor both models have moves over unchanged.
    const auto target = named_state(*stage2);
    for (const auto& name : report.loaded) {
      for (const auto& [n, t] : named_state(*stage1)) {
        if (n != name) continue;
        for (const auto& [m, u] : target) {
          if (m == name) QVERIFY2(torch::equal(t, u.to(t.dtype())), name.c_str());
        }
      }
    }
    for (const char* shared : {"patch_embed.proj.weight", "cls_token", "dist_token", "pos_embed",
                               "blocks.1.attn.qkv.weight", "blocks.0.mlp.fc2.bias", "head_dist.bias"}) {
      QVERIFY2(std::find(report.loaded.begin(), report.loaded.end(), shared) != report.loaded.end(),
               shared);
    }
    QVERIFY(report.mismatched.empty());
    QVERIFY(contains(report.unexpected, "patch_embed.norm."));  // stage 1's BatchNorm is dropped
    QVERIFY(contains(report.missing, "blocks.0.attn.attention_quantizer.alpha"));  // new scales
    QVERIFY(contains(report.missing, "blocks.0.attn.attention_bias"));             // P starts at 0
  }

  void gsbWithIdentityQuantizersIsTheFloatDeit() {
    const std::vector<std::string> same{"layer_norm_eps=1e-6", "distillation_token=true"};
    const auto gsb = small("gsb-deit-mini", same);
    const auto teacher = small("deit-mini", same);
    const LoadReport report = load_named_tensors(*teacher, named_state(*gsb));
    QVERIFY2(report.missing.empty() && report.mismatched.empty(), report.describe().c_str());
    QVERIFY(set_quantization_enabled(*gsb, false) > 20);
    gsb->eval();
    teacher->eval();
    torch::NoGradGuard no_grad;
    const auto images = torch::randn({3, 3, 32, 32});
    const auto a = gsb->forward_heads(images), b = teacher->forward_heads(images);
    BINVIT_COMPARE_TENSORS(a.logits, b.logits, 1e-5);
    BINVIT_COMPARE_TENSORS(a.distillation_logits, b.distillation_logits, 1e-5);
    set_quantization_enabled(*gsb, true);
    QVERIFY(!binvit::test::all_close(gsb->forward_heads(images).logits, b.logits, 1e-3));
  }
};

BINVIT_REGISTER_TEST(TestWeightInterchange);
#include "test_weight_interchange.moc"
