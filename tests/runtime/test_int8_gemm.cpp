// int8 x int8 -> int32 against an int64 oracle (full int8 range, K around the 16-element step),
// and the epilogues against their written formula, for every variant this CPU runs.
#include "core/runtime/kernels/kernels.h"
#include "core/runtime/kernels/parallel.h"
#include "tests/runtime/kernel_test_support.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace binvit::test;
namespace rk = binvit::runtime::kernels;

namespace {

// Uniform over [-128, 127]; row 0 all -128 and, with more rows, the last row all 127: the
// extreme products (-128 * -128 = 16384) are always present.
std::vector<std::int8_t> int8_values(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::int8_t> x(rows * cols);
  for (auto& v : x) v = static_cast<std::int8_t>(static_cast<int>(rng() % 256) - 128);
  for (std::size_t c = 0; c < cols; ++c) x[c] = -128;
  if (rows > 1) {
    for (std::size_t c = 0; c < cols; ++c) x[(rows - 1) * cols + c] = 127;
  }
  return x;
}

std::vector<std::int32_t> int8_oracle(const std::vector<std::int8_t>& a,
                                      const std::vector<std::int8_t>& b, std::size_t m,
                                      std::size_t n, std::size_t k) {
  std::vector<std::int32_t> c(m * n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      std::int64_t sum = 0;
      for (std::size_t e = 0; e < k; ++e) sum += std::int64_t{a[i * k + e]} * b[j * k + e];
      c[i * n + j] = static_cast<std::int32_t>(sum);
    }
  }
  return c;
}

}  // namespace

class TestInt8Gemm : public QObject {
  Q_OBJECT

 private slots:
  void int8GemmMatchesOracle_data() {
    add_sweep_rows(kSweepM, kSweepN, {1, 15, 16, 17, 63, 64, 65, 255, 256, 257, 384, 768, 3072});
  }
  void int8GemmMatchesOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const auto a = int8_values(m, k, 1 + k), b = int8_values(n, k, 2 + n);
    std::vector<std::int32_t> c(static_cast<std::size_t>(m) * n);
    table->igemm(m, n, k, a.data(), k, b.data(), k, c.data(), n);
    const QString error =
        first_mismatch(int8_oracle(a, b, m, n, k), c.data(), m, n, n, shape_name(variant, m, n, k));
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  void int8GemmThreadCountDoesNotChangeResults() {
    const std::size_t m = 196, n = 384, k = 768;  // the 16 px patch embedding of ViT-S
    const auto a = int8_values(m, k, 5), b = int8_values(n, k, 6);
    const auto expected = int8_oracle(a, b, m, n, k);
    for (const rk::KernelTable* table : rk::kernel_tables()) {
      for (int threads : {1, 2}) {
        rk::set_num_threads(threads);
        std::vector<std::int32_t> c(m * n);
        rk::igemm(*table, m, n, k, a.data(), k, b.data(), k, c.data(), n);
        const QString error = first_mismatch(
            expected, c.data(), m, n, n,
            shape_name(table->name, m, n, k) + QStringLiteral(" threads=%1").arg(threads));
        QVERIFY2(error.isEmpty(), qPrintable(error));
      }
    }
    rk::set_num_threads(1);
  }

  // out = fma(float(c), scale[j], bias[j]) and out = fma(float(c), scale[j], out), bit for bit,
  // with counts that are not exactly representable as float (|c| > 2^24) among them.
  void epiloguesFollowTheirFormula_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    for (const char* variant : kVariants) {
      for (int n : {1, 7, 8, 9, 384}) {
        const QByteArray name = QByteArray(variant) + "_m3_n" + QByteArray::number(n);
        QTest::newRow(name.constData()) << QString(variant) << 3 << n;
      }
    }
  }
  void epiloguesFollowTheirFormula() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    std::mt19937_64 rng(m * 100 + n);
    std::uniform_real_distribution<float> real(-3.0f, 3.0f);
    std::vector<std::int32_t> c(static_cast<std::size_t>(m) * n);
    for (std::size_t e = 0; e < c.size(); ++e) {
      c[e] = e % 5 == 0 ? static_cast<std::int32_t>(16777217 + e)
                        : static_cast<std::int32_t>(rng() % 4001) - 2000;
    }
    std::vector<float> scale(n), bias(n), start(c.size());
    for (float& v : scale) v = real(rng);
    for (float& v : bias) v = real(rng);
    for (float& v : start) v = real(rng);
    std::vector<float> with_bias(c.size()), plain(c.size()), accumulated(start);
    std::vector<float> want_bias(c.size()), want_plain(c.size()), want_acc(c.size());
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        const float x = static_cast<float>(c[i * n + j]);
        want_bias[i * n + j] = std::fma(x, scale[j], bias[j]);
        want_plain[i * n + j] = std::fma(x, scale[j], 0.0f);
        want_acc[i * n + j] = std::fma(x, scale[j], start[i * n + j]);
      }
    }
    table->scale_bias(m, n, c.data(), n, scale.data(), bias.data(), with_bias.data(), n);
    table->scale_bias(m, n, c.data(), n, scale.data(), nullptr, plain.data(), n);
    table->scale_accumulate(m, n, c.data(), n, scale.data(), accumulated.data(), n);
    const QString shape = QStringLiteral("%1 m=%2 n=%3").arg(variant).arg(m).arg(n);
    QString error = first_mismatch(want_bias, with_bias.data(), m, n, n, "scale_bias " + shape);
    if (error.isEmpty())
      error = first_mismatch(want_plain, plain.data(), m, n, n, "scale " + shape);
    if (error.isEmpty())
      error = first_mismatch(want_acc, accumulated.data(), m, n, n, "accumulate " + shape);
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }
};

BINVIT_REGISTER_TEST(TestInt8Gemm);
#include "test_int8_gemm.moc"
