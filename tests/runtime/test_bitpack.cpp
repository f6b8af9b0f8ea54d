// Bit packing against the written rule (bit e of a row = x[e] >= threshold, padding 0), for
// every variant this CPU runs.
#include "core/runtime/kernels/bitpack.h"
#include "core/runtime/kernels/kernels.h"
#include "tests/runtime/kernel_test_support.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace binvit::test;
namespace rk = binvit::runtime::kernels;

class TestBitpack : public QObject {
  Q_OBJECT

 private slots:
  void packsByTheRuleWithZeroPadding_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("k");
    QTest::addColumn<float>("threshold");
    for (const char* variant : kVariants) {
      for (int k : kSweepK) {
        QTest::addRow("%s_r3_k%d_t0", variant, k) << QString(variant) << 3 << k << 0.0f;
        QTest::addRow("%s_r3_k%d_t0.5", variant, k) << QString(variant) << 3 << k << 0.5f;
      }
      // Rows shorter than a word, as a conv's channels per group (whole and partial groups of
      // 8 floats in the last word).
      for (int k : {3, 8, 16, 17, 32, 40, 96}) {
        QTest::addRow("%s_r3_k%d_t0", variant, k) << QString(variant) << 3 << k << 0.0f;
      }
      // A strict "x > 0.5" test as the packers are meant to be used for it.
      QTest::addRow("%s_r2_k200_gt0.5", variant)
          << QString(variant) << 2 << 200 << std::nextafter(0.5f, 1.0f);
    }
  }
  void packsByTheRuleWithZeroPadding() {
    QFETCH(QString, variant);
    QFETCH(int, rows);
    QFETCH(int, k);
    QFETCH(float, threshold);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    std::vector<float> x = signed_floats(rows, k, 5 + k);
    // Values the rule must treat exactly: -0.0 and 0.0 (>= 0), NaN (never >=), infinities,
    // the smallest subnormals, the threshold itself and its neighbours.
    const float special[] = {-0.0f,
                             0.0f,
                             std::numeric_limits<float>::quiet_NaN(),
                             std::numeric_limits<float>::infinity(),
                             -std::numeric_limits<float>::infinity(),
                             std::numeric_limits<float>::denorm_min(),
                             -std::numeric_limits<float>::denorm_min(),
                             threshold,
                             std::nextafter(threshold, -1.0f),
                             std::nextafter(threshold, 2.0f)};
    for (std::size_t e = 0; e < x.size() && e < 10 * 7; e += 7) x[e] = special[(e / 7) % 10];
    const PackedRows packed = pack_with(*table, x, rows, k, threshold);
    for (int r = 0; r < rows; ++r) {
      const std::uint64_t* row = packed.ptr() + r * packed.stride;
      for (std::size_t bit = 0; bit < packed.words * 64; ++bit) {
        const bool got = (row[bit / 64] >> (bit % 64)) & 1U;
        const bool want = bit < static_cast<std::size_t>(k) && x[r * k + bit] >= threshold;
        QVERIFY2(got == want,
                 qPrintable(QStringLiteral("%1 rows=%2 k=%3 threshold=%4: row %5 bit %6 "
                                           "(x = %7) expected %8, actual %9")
                                .arg(variant)
                                .arg(rows)
                                .arg(k)
                                .arg(threshold)
                                .arg(r)
                                .arg(bit)
                                .arg(bit < static_cast<std::size_t>(k) ? x[r * k + bit] : 0.0f)
                                .arg(want)
                                .arg(got)));
      }
      QCOMPARE(row[packed.words], PackedRows::kSentinel);  // the stride word is not touched
    }
  }

  void signOfZeroIsPlusOne() {
    for (const rk::KernelTable* table : rk::kernel_tables()) {
      const std::vector<float> zeros{0.0f, -0.0f, -1e-38f, 1e-38f};
      std::uint64_t word = 0;
      table->pack_rows(zeros.data(), 1, 4, 4, 0.0f, &word, 1);
      QCOMPARE(word, std::uint64_t{0b1011});
    }
  }

  void entryPointSplitsRowsWithoutChangingBits() {
    const std::size_t rows = 197, k = 3072;
    const std::vector<float> x = signed_floats(rows, k, 99);
    for (const rk::KernelTable* table : rk::kernel_tables()) {
      PackedRows one(rows, k), two(rows, k);
      rk::set_num_threads(1);
      rk::pack_rows(*table, x.data(), rows, k, k, 0.0f, one.ptr(), one.stride);
      rk::set_num_threads(2);
      rk::pack_rows(*table, x.data(), rows, k, k, 0.0f, two.ptr(), two.stride);
      rk::set_num_threads(1);
      QVERIFY(one.data == two.data);
    }
  }
};

BINVIT_REGISTER_TEST(TestBitpack);
#include "test_bitpack.moc"
