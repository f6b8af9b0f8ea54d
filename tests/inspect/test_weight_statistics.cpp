#include <torch/torch.h>

#include "core/inspect/binary_layers.h"
#include "core/inspect/weight_statistics.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace binvit;
using namespace binvit::inspect;

namespace {

std::shared_ptr<nn::ClassifierModel> small_model(const std::string& preset,
                                                 std::vector<std::string> overrides = {}) {
  return nn::build_model(nn::apply_overrides(nn::preset_config(preset), overrides));
}

// Swaps `pairs` pairs of latent weights inside one output row whose binarized signs differ.
// A swap inside a row keeps the tensor's and the row's mean and mean magnitude, so exactly the
// two swapped weights change sign under every binarizer (per tensor, per channel, centred).
int64_t swap_opposite_pairs(const BinaryLayerRef& layer, int64_t pairs) {
  torch::NoGradGuard no_grad;
  const torch::Tensor signs = binarized_signs(layer).reshape({layer.latent_weight.size(0), -1});
  torch::Tensor rows = layer.latent_weight.view({layer.latent_weight.size(0), -1});
  int64_t swapped = 0;
  for (int64_t r = 0; r < rows.size(0) && swapped < pairs; ++r) {
    const torch::Tensor plus = signs[r].nonzero().reshape(-1);
    const torch::Tensor minus = signs[r].logical_not().nonzero().reshape(-1);
    if (plus.numel() == 0 || minus.numel() == 0) continue;
    const int64_t a = plus[0].item<int64_t>(), b = minus[0].item<int64_t>();
    const torch::Tensor first = rows[r][a].clone();
    rows[r][a] = rows[r][b];
    rows[r][b] = first;
    ++swapped;
  }
  return swapped;
}

}  // namespace

class TestWeightStatistics : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(5); }

  void findsEveryBinaryLayerOfGsbMini() {
    const auto model = small_model("gsb-deit-mini", {"depth=2"});
    const auto layers = find_binary_layers(*model);
    // qkv, proj, fc1, fc2 per block.
    QCOMPARE(layers.size(), size_t{8});
    QCOMPARE(QString::fromStdString(layers[0].name), QString("blocks.0.attn.qkv"));
    for (const auto& layer : layers) {
      QVERIFY(layer.binary_weights());
      const BinaryLayerInfo info = describe(layer);
      QVERIFY2(info.weight_plus_one > 0.3 && info.weight_plus_one < 0.7, info.name.c_str());
      QCOMPARE(info.weights, static_cast<long long>(layer.latent_weight.numel()));
    }
  }

  void flipRateOfACheckpointAgainstItselfIsZero() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("a.pt").toStdString();
    train::save_checkpoint(path, *small_model("gsb-deit-mini", {"depth=2"}));
    const SignFlipReport report = sign_flip_rate(path, path);
    QCOMPARE(report.layers.size(), size_t{8});
    QVERIFY(report.weights > 0);
    QCOMPARE(report.flipped, 0LL);
    QCOMPARE(report.rate, 0.0);
    for (const auto& layer : report.layers) QCOMPARE(layer.flipped, 0LL);
  }

  void flipRateOfAPerturbedCopyMatchesTheHandCount_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("overrides");
    QTest::newRow("gsb_bwn") << "gsb-deit-mini" << QStringList{"depth=2"};
    QTest::newRow("gsb_bwn_channel")
        << "gsb-deit-mini" << QStringList{"depth=2", "weight_binarization=bwn-channel"};
    QTest::newRow("bhvit_centred_sign") << "bhvit-mini-28" << QStringList{};
  }

  void flipRateOfAPerturbedCopyMatchesTheHandCount() {
    QFETCH(QString, preset);
    QFETCH(QStringList, overrides);
    std::vector<std::string> set;
    for (const QString& o : overrides) set.push_back(o.toStdString());
    QTemporaryDir dir;
    const std::filesystem::path before = dir.filePath("before.pt").toStdString();
    const std::filesystem::path after = dir.filePath("after.pt").toStdString();
    const auto model = small_model(preset.toStdString(), set);
    train::save_checkpoint(before, *model);
    const auto layers = find_binary_layers(*model);
    // Layer i gets i + 1 swapped pairs: 2 (i + 1) flips.
    std::vector<int64_t> expected;
    int64_t total = 0, weights = 0;
    for (size_t i = 0; i < layers.size(); ++i) {
      if (!layers[i].binary_weights()) continue;
      const int64_t swapped = swap_opposite_pairs(layers[i], static_cast<int64_t>(i % 5) + 1);
      QCOMPARE(swapped, static_cast<int64_t>(i % 5) + 1);
      expected.push_back(2 * swapped);
      total += 2 * swapped;
      weights += layers[i].latent_weight.numel();
    }
    train::save_checkpoint(after, *model);
    const SignFlipReport report = sign_flip_rate(before, after);
    QCOMPARE(report.layers.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      QVERIFY2(report.layers[i].flipped == expected[i],
               qPrintable(QString("%1: %2 flips, expected %3")
                              .arg(QString::fromStdString(report.layers[i].layer))
                              .arg(report.layers[i].flipped)
                              .arg(expected[i])));
      QCOMPARE(report.layers[i].rate, static_cast<double>(expected[i]) / report.layers[i].weights);
    }
    QCOMPARE(report.flipped, static_cast<long long>(total));
    QCOMPARE(report.weights, static_cast<long long>(weights));
    QCOMPARE(report.rate, static_cast<double>(total) / weights);
  }

  void flipRateRejectsDifferentArchitectures() {
    const auto a = small_model("gsb-deit-mini", {"depth=2"});
    const auto b = small_model("gsb-deit-mini", {"depth=3"});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sign_flips(*a, *b));
    QTemporaryDir dir;
    const std::filesystem::path missing = dir.filePath("missing.pt").toStdString();
    try {
      sign_flip_rate(missing, missing);
      QFAIL("a missing checkpoint must throw");
    } catch (const std::runtime_error& error) {
      QVERIFY2(std::string(error.what()).find("missing.pt") != std::string::npos, error.what());
    }
  }

  void histogramCountsEveryValueOnce() {
    const std::vector<float> values{-1.0f, -0.5f, 0.0f, 0.25f, 0.5f, 1.0f, 3.0f};
    WeightHistogramOptions options;
    options.bins = 4;
    options.lo = -1;
    options.hi = 1;
    const WeightHistogram h = histogram(values, options);
    // Bins of width 0.5: [-1, -0.5), [-0.5, 0), [0, 0.5), [0.5, 1]; 3 is above the range.
    QCOMPARE(h.counts, (std::vector<long long>{1, 1, 2, 2}));
    QCOMPARE(h.above, 1LL);
    QCOMPARE(h.below, 0LL);
    QCOMPARE(h.bin_width(), 0.5);
    QVERIFY(std::abs(h.mean - 3.25 / 7) < 1e-9);

    const WeightHistogram automatic = histogram(values, WeightHistogramOptions{});
    QCOMPARE(automatic.lo, -1.0);
    QCOMPARE(automatic.hi, 3.0);
    long long sum = 0;
    for (const long long c : automatic.counts) sum += c;
    QCOMPARE(sum, 7LL);
    options.hi = -1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, histogram(values, options));
  }
};

BINVIT_REGISTER_TEST(TestWeightStatistics);
#include "test_weight_statistics.moc"
