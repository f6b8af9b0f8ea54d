// Q.K^T on sign-packed tokens: the one-word kernel (d <= 64) and the general entry point,
// against an integer oracle on the +-1 values, for every variant this CPU runs.
#include "core/runtime/kernels/kernels.h"
#include "core/runtime/kernels/parallel.h"
#include "tests/runtime/kernel_test_support.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cstdint>
#include <vector>

using namespace binvit::test;
namespace rk = binvit::runtime::kernels;

namespace {

std::vector<std::int32_t> scores_oracle(const std::vector<float>& q, const std::vector<float>& k,
                                        std::size_t m, std::size_t n, std::size_t d) {
  std::vector<std::int32_t> c(m * n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      std::int64_t sum = 0;
      for (std::size_t e = 0; e < d; ++e) sum += sign_of(q[i * d + e]) * sign_of(k[j * d + e]);
      c[i * n + j] = static_cast<std::int32_t>(sum);
    }
  }
  return c;
}

}  // namespace

class TestAttentionKernels : public QObject {
  Q_OBJECT

 private slots:
  // Query and key token counts around the 8-key step of the AVX2 kernel; d up to one word.
  void oneWordScoresMatchOracle_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    for (const char* variant : kVariants) {
      for (int m : {1, 2, 197}) {
        for (int n : {1, 7, 8, 9, 16, 197}) {
          for (int d : {1, 32, 63, 64}) {
            QTest::addRow("%s_m%d_n%d_k%d", variant, m, n, d) << QString(variant) << m << n << d;
          }
        }
      }
    }
  }
  void oneWordScoresMatchOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const std::vector<float> q = signed_floats(m, k, 3 + m + k), keys = signed_floats(n, k, 4 + n);
    const PackedRows qp = pack_with(*table, q, m, k, 0.0f);
    const PackedRows kp = pack_with(*table, keys, n, k, 0.0f);
    const QString shape = shape_name(variant, m, n, k);
    const auto expected = scores_oracle(q, keys, m, n, k);
    // Strided keys (the sentinel word between tokens) and contiguous keys take different loads.
    std::vector<std::int32_t> c(static_cast<std::size_t>(m) * n);
    table->qk_d64(m, n, k, qp.ptr(), qp.stride, kp.ptr(), kp.stride, c.data(), n);
    QString error = first_mismatch(expected, c.data(), m, n, n, "strided keys " + shape);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::vector<std::uint64_t> contiguous(n);
    for (int j = 0; j < n; ++j) contiguous[j] = kp.ptr()[j * kp.stride];
    table->qk_d64(m, n, k, qp.ptr(), qp.stride, contiguous.data(), 1, c.data(), n);
    error = first_mismatch(expected, c.data(), m, n, n, "contiguous keys " + shape);
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  // The entry point: one-word kernel for d <= 64, binary GEMM above; 1 and 2 threads.
  void scoresEntryPointMatchesOracle_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    for (const char* variant : kVariants) {
      for (int d : {16, 64, 65, 96, 128, 256}) {
        QTest::addRow("%s_m197_n197_k%d", variant, d) << QString(variant) << 197 << 197 << d;
      }
      QTest::addRow("%s_m50_n197_k64", variant) << QString(variant) << 50 << 197 << 64;
    }
  }
  void scoresEntryPointMatchesOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const std::vector<float> q = signed_floats(m, k, 8 + k), keys = signed_floats(n, k, 9 + k);
    const PackedRows qp = pack_with(*table, q, m, k, 0.0f);
    const PackedRows kp = pack_with(*table, keys, n, k, 0.0f);
    const auto expected = scores_oracle(q, keys, m, n, k);
    for (int threads : {1, 2}) {
      rk::set_num_threads(threads);
      std::vector<std::int32_t> c(static_cast<std::size_t>(m) * n);
      rk::qk_scores(*table, m, n, k, qp.ptr(), qp.stride, kp.ptr(), kp.stride, c.data(), n);
      const QString error =
          first_mismatch(expected, c.data(), m, n, n,
                         shape_name(variant, m, n, k) + QStringLiteral(" threads=%1").arg(threads));
      QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    rk::set_num_threads(1);
  }
};

BINVIT_REGISTER_TEST(TestAttentionKernels);
#include "test_attention_kernels.moc"
