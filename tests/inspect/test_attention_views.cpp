#include "core/inspect/attention_views.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <algorithm>
#include <functional>
#include <numeric>
#include <random>
#include <stdexcept>

using namespace binvit::inspect;

namespace {

double positive_mass(const std::vector<float>& values) {
  double total = 0;
  for (const float v : values) total += v > 0 ? v : 0;
  return total;
}

// A global layout: 2 heads, a class and a distillation token, a 2 x 3 patch grid (8 tokens), and
// value(head, q, k) = 1000 head + 10 q + k, so every entry names its own position.
AttentionLayout deit_layout() {
  AttentionLayout l;
  l.heads = 2;
  l.tokens = 8;
  l.prefix_tokens = 2;
  l.grid_h = 2;
  l.grid_w = 3;
  return l;
}

std::vector<float> positional_maps(const AttentionLayout& l) {
  std::vector<float> maps(static_cast<size_t>(l.map_size()));
  for (int w = 0; w < l.windows; ++w)
    for (int h = 0; h < l.heads; ++h)
      for (int q = 0; q < l.tokens; ++q)
        for (int k = 0; k < l.tokens; ++k)
          maps[((static_cast<size_t>(w) * l.heads + h) * l.tokens + q) * l.tokens + k] =
              static_cast<float>(100000 * w + 1000 * h + 10 * q + k);
  return maps;
}

}  // namespace

class TestAttentionViews : public QObject {
  Q_OBJECT

 private slots:
  void massMaskKeepsTheMassWithTheFewestEntries_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("seed");
    for (const int size : {1, 7, 50, 197}) {
      for (const double fraction : {0.05, 0.5, 0.9, 0.999, 1.0}) {
        for (const int seed : {1, 2}) {
          QTest::addRow("n%d_f%g_s%d", size, fraction, seed) << size << fraction << seed;
        }
      }
    }
  }

  void massMaskKeepsTheMassWithTheFewestEntries() {
    QFETCH(int, size);
    QFETCH(double, fraction);
    QFETCH(int, seed);
    std::mt19937 rng(static_cast<unsigned>(seed));
    std::exponential_distribution<float> heavy(3.0f);
    std::vector<float> values(static_cast<size_t>(size));
    for (float& v : values) v = heavy(rng);
    // Softmax-like rows have many equal entries (background tokens): make some ties.
    for (size_t i = 0; i + 3 < values.size(); i += 4) values[i + 1] = values[i];
    const std::vector<uint8_t> mask = mass_threshold_mask(values, fraction);
    QCOMPARE(mask.size(), values.size());

    const double total = positive_mass(values);
    double kept = 0;
    std::vector<float> kept_values;
    for (size_t i = 0; i < values.size(); ++i) {
      if (mask[i]) {
        kept += values[i];
        kept_values.push_back(values[i]);
      }
    }
    QVERIFY2(kept >= fraction * total * (1 - 1e-9),
             qPrintable(QString("kept %1 of %2, wanted %3").arg(kept).arg(total).arg(fraction)));
    // Minimal: no set with one entry fewer reaches the mass, i.e. not even the largest k - 1.
    std::vector<float> sorted = values;
    std::sort(sorted.begin(), sorted.end(), std::greater<float>());
    const size_t k = kept_values.size();
    QVERIFY(k >= 1);
    const double best_smaller =
        std::accumulate(sorted.begin(), sorted.begin() + static_cast<long>(k - 1), 0.0);
    QVERIFY2(best_smaller < fraction * total,
             qPrintable(QString("%1 entries kept, %2 would do").arg(k).arg(k - 1)));
  }

  void massMaskEdgeCases() {
    // Exactly representable values, so the expected masks do not hinge on float rounding.
    const std::vector<float> row{0.125f, -0.5f, 0.375f, 0.0f, 0.5f};
    QCOMPARE(mass_threshold_mask(row, 0.0), (std::vector<uint8_t>{0, 0, 0, 0, 0}));
    // 1.0 keeps every positive entry but never a negative or zero one.
    QCOMPARE(mass_threshold_mask(row, 1.0), (std::vector<uint8_t>{1, 0, 1, 0, 1}));
    QCOMPARE(mass_threshold_mask(row, 0.5), (std::vector<uint8_t>{0, 0, 0, 0, 1}));
    QCOMPARE(mass_threshold_mask(row, 0.51), (std::vector<uint8_t>{0, 0, 1, 0, 1}));
    // Ties keep the lower index.
    QCOMPARE(mass_threshold_mask(std::vector<float>{0.25f, 0.25f, 0.25f, 0.25f}, 0.5),
             (std::vector<uint8_t>{1, 1, 0, 0}));
    QCOMPARE(mass_threshold_mask(std::vector<float>{0.0f, 0.0f}, 0.9),
             (std::vector<uint8_t>{0, 0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, mass_threshold_mask(row, 1.5));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, mass_threshold_mask(row, -0.1));
    const GridMap grid{1, 5, row, 0.0};
    const GridMap mask = mass_threshold_mask(grid, 0.51);
    QCOMPARE(mask.values, (std::vector<float>{0, 0, 1, 0, 1}));
  }

  void classTokenViewIsRowZeroOverThePatches() {
    const AttentionLayout l = deit_layout();
    const std::vector<float> maps = positional_maps(l);
    const GridMap view = class_token_view(maps, l, 1);
    QCOMPARE(view.height, 2);
    QCOMPARE(view.width, 3);
    QCOMPARE(view.values, (std::vector<float>{1002, 1003, 1004, 1005, 1006, 1007}));
    QCOMPARE(view.off_grid, 1000.0 + 1001.0);
    const GridMap mean = class_token_view(maps, l, kHeadMean);
    QCOMPARE(mean.values.front(), 502.0f);  // (2 + 1002) / 2
  }

  void queryViewOfAPatch() {
    const AttentionLayout l = deit_layout();
    const std::vector<float> maps = positional_maps(l);
    // Patch (1, 2) is token 2 + 1 * 3 + 2 = 7.
    QCOMPARE(patch_token(l, 1, 2), 7);
    const GridMap view = query_view(maps, l, 0, 1, 2);
    QCOMPARE(view.values, (std::vector<float>{72, 73, 74, 75, 76, 77}));
    QCOMPARE(view.off_grid, 70.0 + 71.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, query_view(maps, l, 0, 2, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, query_view(maps, l, 2, 0, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, query_view(std::vector<float>(10), l, 0, 0, 0));
  }

  void headMatrixAndHeadMean() {
    const AttentionLayout l = deit_layout();
    const std::vector<float> maps = positional_maps(l);
    const std::vector<float> head1 = head_matrix(maps, l, 1);
    QCOMPARE(head1.size(), size_t{64});
    QCOMPARE(head1[3 * 8 + 5], 1035.0f);
    const std::vector<float> mean = head_mean(maps, l);
    QCOMPARE(mean.size(), size_t{64});
    QCOMPARE(mean[3 * 8 + 5], 535.0f);
  }

  // BHViT's windows: a 4 x 4 map in 2 x 2 windows (4 windows), 4 + 4 merged tokens.
  void windowedQueryViewPlacesTheWindowOnTheMap() {
    AttentionLayout l;
    l.heads = 1;
    l.window = 2;
    l.windows = 4;
    l.merged_tokens = 4;
    l.tokens = 8;
    l.grid_h = l.grid_w = 4;
    const std::vector<float> maps = positional_maps(l);
    // Map position (3, 2) lies in window 3 (bottom right), at its position (1, 0) = token 2.
    QCOMPARE(window_of(l, 3, 2), 3);
    QCOMPARE(patch_token(l, 3, 2), 2);
    const GridMap view = query_view(maps, l, 0, 3, 2);
    QCOMPARE(view.height, 4);
    std::vector<float> expected(16, 0.0f);
    expected[2 * 4 + 2] = 300020;
    expected[2 * 4 + 3] = 300021;
    expected[3 * 4 + 2] = 300022;
    expected[3 * 4 + 3] = 300023;
    QCOMPARE(view.values, expected);
    QCOMPARE(view.off_grid, 300024.0 + 300025 + 300026 + 300027);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, class_token_view(maps, l, 0));
  }
};

BINVIT_REGISTER_TEST(TestAttentionViews);
#include "test_attention_views.moc"
