#include <torch/torch.h>

#include "core/nn/export/bvit_export.h"
#include "core/nn/export/engine_agreement.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/engine/float_ops.h"
#include "core/runtime/format/bvit_file.h"
#include "core/runtime/json/json_parser.h"
#include "core/runtime/kernels/registry.h"
#include "tests/engine/agreement_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cstring>

namespace nn = binvit::nn;
namespace engine = binvit::runtime::engine;
namespace fmt = binvit::runtime::format;
using binvit::test::check_end_to_end;
using binvit::test::describe;
using binvit::test::engine_for;
using binvit::test::images_for;

namespace {

// A model of `preset` whose learnable shifts and GSB's P are non-zero (they start at zero, which
// would leave their paths untested) and whose lazily initialised scales have seen one batch.
std::shared_ptr<nn::ClassifierModel> prepared_model(const std::string& preset,
                                                    const std::vector<std::string>& overrides,
                                                    uint64_t seed) {
  torch::manual_seed(static_cast<int64_t>(seed));
  auto model = nn::build_model(nn::apply_overrides(nn::preset_config(preset), overrides));
  model->eval();
  torch::NoGradGuard no_grad;
  for (auto& item : model->named_parameters()) {
    const std::string& name = item.key();
    if (name.find("shift") != std::string::npos) item.value().normal_(0.0, 0.05);
    if (name.find("attention_bias") != std::string::npos) item.value().uniform_(-0.01, 0.02);
  }
  const auto shape = model->input_shape();
  model->forward(torch::randn({4, shape[0], shape[1], shape[2]}));
  return model;
}

}  // namespace

class TestEngineVsTorch : public QObject {
  Q_OBJECT

 private slots:
  // LayerNorm rounds exactly as LibTorch's CPU kernel: widths below one 8-float vector, between
  // vectors, one chunk of 16 vectors, and enough chunks for a cascade several levels deep;
  // rows of very different scales and an all-equal row (variance 0, eps decides).
  void layerNormHasTheBitsOfLibTorch() {
    // Without AVX2 + FMA LibTorch runs its default kernel, whose output step is not fused.
    if (std::strcmp(binvit::runtime::kernels::active_kernels().name, "avx2") != 0)
      QSKIP("LibTorch's LayerNorm rounds like the engine's on AVX2 + FMA CPUs only");
    torch::manual_seed(11);
    for (int64_t dim : {1, 7, 8, 9, 64, 127, 128, 129, 192, 197, 384, 1000, 2100, 4200}) {
      for (double eps : {1e-5, 1e-6}) {
        torch::Tensor x = torch::randn({6, dim}) *
                              torch::tensor({1e-3, 0.1, 1.0, 3.0, 50.0, 1.0}).reshape({6, 1}) +
                          0.7;
        x[5].fill_(2.0);
        const torch::Tensor weight = torch::randn({dim});
        const torch::Tensor bias = torch::randn({dim});
        const torch::Tensor expected = torch::layer_norm(x, {dim}, weight, bias, eps).contiguous();
        for (bool reference : {false, true}) {  // the AVX2 path and the portable one
          binvit::runtime::kernels::set_force_reference(reference);
          std::vector<float> got(static_cast<size_t>(x.numel()));
          engine::layer_norm(x.data_ptr<float>(), 6, static_cast<size_t>(dim), eps,
                             weight.data_ptr<float>(), bias.data_ptr<float>(), got.data());
          binvit::runtime::kernels::set_force_reference(false);
          const int64_t differing =
              (torch::from_blob(got.data(), {6, dim}) != expected).sum().item<int64_t>();
          QVERIFY2(differing == 0, qPrintable(QString("dim %1, eps %2, %3 path: %4 values differ")
                                                  .arg(dim)
                                                  .arg(eps)
                                                  .arg(reference ? "portable" : "AVX2")
                                                  .arg(differing)));
        }
      }
    }
  }

  void exportedModelMatchesLibTorch_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<int>("expected_layers");
    // Per block: 4 binary linears x (input, product); attention q, k, scores, maps, sign,
    // groups, products. GSB: 3 maps, 1 sign, 2 groups, 9 products = 18; baseline: 1+1+1 = 6.
    QTest::newRow("gsb_image") << "gsb-deit-mini"
                               << "image" << 6 * (8 + 18);
    QTest::newRow("gsb_row") << "gsb-deit-mini"
                             << "row" << 6 * (8 + 18);
    QTest::newRow("gsb_batch") << "gsb-deit-mini"
                               << "batch" << 6 * (8 + 18);
    QTest::newRow("baseline") << "binary-deit-mini"
                              << "image" << 6 * (8 + 6);
    QTest::newRow("float") << "deit-mini"
                           << "" << 0;
  }
  void exportedModelMatchesLibTorch() {
    QFETCH(QString, preset);
    QFETCH(QString, scope);
    QFETCH(int, expected_layers);
    std::vector<std::string> overrides;
    if (!scope.isEmpty()) overrides.push_back("threshold_scope=" + scope.toStdString());
    auto model = prepared_model(preset.toStdString(), overrides, 11);
    engine::Engine e = engine_for(*model);
    nn::AgreementReport report;
    for (int round = 0; round < 2; ++round) {
      nn::compare_engine_with_model(*model, e, images_for(*model, 3), report);
    }
    QCOMPARE(static_cast<int>(report.layers.size()), expected_layers);
    QCOMPARE(static_cast<int>(report.layerwise.size()), expected_layers);
    QCOMPARE(report.images, int64_t{6});
    // The rules: every bit and every integer equal when each layer sees the model's input.
    QVERIFY2(report.layerwise_differing() == 0, describe(report).c_str());
    check_end_to_end(report);
  }

  void gsbDeitSmallMatchesOnAFewImages() {
    auto model = prepared_model("gsb-deit-small", {}, 5);
    engine::Engine e = engine_for(*model);
    nn::AgreementReport report;
    nn::compare_engine_with_model(*model, e, images_for(*model, 2), report);
    QCOMPARE(static_cast<int>(report.layerwise.size()), 12 * (8 + 18));
    QVERIFY2(report.layerwise_differing() == 0, describe(report).c_str());
    check_end_to_end(report);
  }

  void imageScopeIgnoresBatchMates() {
    auto model = prepared_model("gsb-deit-mini", {"threshold_scope=image"}, 3);
    engine::Engine e = engine_for(*model);
    QVERIFY(!e.graph().batch_dependent);
    const torch::Tensor first = images_for(*model, 1);
    const torch::Tensor mates = torch::cat({first, images_for(*model, 3) * 4.0});
    const std::vector<float> alone = e.run(first.data_ptr<float>(), 1);
    const std::vector<float> together = e.run(mates.contiguous().data_ptr<float>(), 4);
    QCOMPARE(alone.size(), e.classes());
    for (size_t j = 0; j < alone.size(); ++j) QCOMPARE(together[j], alone[j]);
  }

  void batchScopeIsMarkedBatchDependent() {
    auto model = prepared_model("gsb-deit-mini", {"threshold_scope=batch"}, 3);
    engine::Engine e = engine_for(*model);
    QVERIFY(e.graph().batch_dependent);
    // A batch-mate with a far larger attention extreme moves the thresholds of the others.
    const torch::Tensor first = images_for(*model, 1);
    const torch::Tensor mates = torch::cat({first, images_for(*model, 3) * 8.0});
    const std::vector<float> alone = e.run(first.data_ptr<float>(), 1);
    const std::vector<float> together = e.run(mates.contiguous().data_ptr<float>(), 4);
    bool any_difference = false;
    for (size_t j = 0; j < alone.size(); ++j) any_difference |= together[j] != alone[j];
    QVERIFY(any_difference);
  }

  void graphErrorsNameTheOp() {
    auto model = prepared_model("binary-deit-mini", {}, 2);
    const std::string bytes = nn::export_bvit_bytes(*model, {});
    uint64_t header_bytes = 0;
    for (int i = 7; i >= 0; --i)
      header_bytes = (header_bytes << 8) | static_cast<unsigned char>(bytes[8 + i]);
    std::string header = bytes.substr(32, header_bytes);
    const std::string data = bytes.substr(32 + header_bytes);
    const std::string from = "\"blocks.2.mlp.fc1.scale\"", to = "\"blocks.2.mlp.fc1.nothing\"";
    const auto at = header.find("\"scale\":" + from);
    QVERIFY(at != std::string::npos);
    header.replace(at + 8, from.size(), to);
    const std::string broken = fmt::assemble_bvit(header, data);
    try {
      engine::Engine(fmt::BvitFile::parse(broken.data(), broken.size(), "broken.bvit"));
      QFAIL("accepted a graph naming a missing tensor");
    } catch (const fmt::BvitError& error) {
      const std::string message = error.what();
      QVERIFY2(message.find("broken.bvit") != std::string::npos &&
                   message.find("blocks.2.mlp.fc1") != std::string::npos &&
                   message.find("nothing") != std::string::npos,
               message.c_str());
    }
  }

  void exporterRefusesUninitialisedScalesAndStageOne() {
    auto fresh = nn::build_model(nn::preset_config("gsb-deit-mini"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nn::export_bvit_bytes(*fresh, {}));
    auto stage1 = nn::build_model(nn::preset_config("gsb-deit-mini-stage1"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nn::export_bvit_bytes(*stage1, {}));
  }
};

BINVIT_REGISTER_TEST(TestEngineVsTorch);
#include "test_engine_vs_torch.moc"
