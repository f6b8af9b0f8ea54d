// Q.K^T on sign-packed tokens: the one-word kernel (d <= 64) and the general entry point,
// against an integer oracle on the +-1 values, for every variant this CPU runs.
#include "core/runtime/kernels/kernels.h"
#include "core/runtime/kernels/parallel.h"
#include "tests/runtime/kernel_test_support.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>
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
  // GSB's A_q.V_q: maps B_i = 1{A >= t_i} (row 0 all ones: more than 127 set bits, so the int8
  // counters flush; the last row all zeros), V components sgn(v), sgn0 on |v| >= 1 and on
  // |v| >= 1.5; the oracle sums the unpacked integers and adds the scaled terms with std::fma in
  // the contract's order.
  void attentionValuesMatchOracle_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");  // head dim d
    QTest::addColumn<int>("maps");
    QTest::addColumn<int>("comps");
    for (const char* variant : kVariants) {
      for (int m : {1, 2, 197}) {
        for (int n : {1, 63, 64, 65, 197, 300}) {
          for (int d : {32, 64, 48}) {
            const QByteArray name = QByteArray(variant) + "_m" + QByteArray::number(m) + "_n" +
                                    QByteArray::number(n) + "_k" + QByteArray::number(d);
            QTest::newRow(name + "_maps3_comps3") << QString(variant) << m << n << d << 3 << 3;
          }
        }
      }
      QTest::newRow(QByteArray(variant) + "_m197_n197_k64_maps3_comps1")
          << QString(variant) << 197 << 197 << 64 << 3 << 1;  // BHViT's QD: three maps x sign V
      QTest::newRow(QByteArray(variant) + "_m5_n130_k128_maps1_comps3")
          << QString(variant) << 5 << 130 << 128 << 1 << 3;
      QTest::newRow(QByteArray(variant) + "_m5_n130_k128_maps2_comps4")
          << QString(variant) << 5 << 130 << 128 << 2 << 4;  // 16 vectors: the fallback
    }
  }
  void attentionValuesMatchOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    QFETCH(int, maps);
    QFETCH(int, comps);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const int d = k;
    const std::vector<float> attention = signed_floats(m, n, 70 + m + n);
    const float thresholds[] = {-0.5f, 0.5f, 1.0f};
    const std::size_t words = (n + 63) / 64;
    std::vector<std::uint64_t> bits(static_cast<std::size_t>(maps) * m * words);
    for (int i = 0; i < maps; ++i) {
      table->pack_rows(attention.data(), m, n, n, thresholds[i % 3], bits.data() + i * m * words,
                       words);
    }
    std::vector<float> v = signed_floats(n, d, 80 + n + d);
    // Constant channels: a dense row sums to +-n there, past the int8 counters' range.
    for (int key = 0; key < n; ++key) {
      v[key * d] = 1.0f;
      v[key * d + 1] = -1.5f;
    }
    const float group[] = {0.0f, 1.0f, 1.5f, 0.5f};  // component j keeps |v| >= group[j]
    const std::size_t ldv = static_cast<std::size_t>(comps) * d + 5;  // strided value rows
    std::vector<std::int8_t> values(n * ldv, 99);
    for (int key = 0; key < n; ++key) {
      for (int j = 0; j < comps; ++j) {
        for (int c = 0; c < d; ++c) {
          const float x = v[key * d + c];
          values[key * ldv + j * d + c] =
              static_cast<std::int8_t>(std::fabs(x) >= group[j % 4] ? sign_of(x) : 0);
        }
      }
    }
    std::vector<float> scale(maps * comps);
    for (std::size_t e = 0; e < scale.size(); ++e) scale[e] = 0.37f * (e + 1) - 1.1f;

    std::vector<std::int32_t> want_counts(static_cast<std::size_t>(m) * maps * comps * d);
    std::vector<float> want(static_cast<std::size_t>(m) * d, 0.0f);
    for (int q = 0; q < m; ++q) {
      for (int i = 0; i < maps; ++i) {
        for (int j = 0; j < comps; ++j) {
          for (int c = 0; c < d; ++c) {
            std::int64_t sum = 0;
            for (int key = 0; key < n; ++key) {
              const int b = attention[q * n + key] >= thresholds[i % 3] ? 1 : 0;
              sum += b * values[key * ldv + j * d + c];
            }
            want_counts[((q * maps + i) * comps + j) * d + c] = static_cast<std::int32_t>(sum);
            want[q * d + c] =
                std::fma(static_cast<float>(sum), scale[i * comps + j], want[q * d + c]);
          }
        }
      }
    }
    for (int threads : {1, 2}) {
      rk::set_num_threads(threads);
      std::vector<float> out(static_cast<std::size_t>(m) * (d + 3), -1.0f);
      std::vector<std::int32_t> counts(want_counts.size(), -12345);
      rk::AttentionValues p;
      p.m = m;
      p.n_keys = n;
      p.d = d;
      p.maps = maps;
      p.comps = comps;
      p.a = bits.data();
      p.lda = words;
      p.map_stride = m * words;
      p.v = values.data();
      p.ldv = ldv;
      p.scale = scale.data();
      p.out = out.data();
      p.ldo = d + 3;
      p.counts = counts.data();
      rk::attention_values(*table, p);
      const QString shape =
          shape_name(variant, m, n, d) +
          QStringLiteral(" maps=%1 comps=%2 threads=%3").arg(maps).arg(comps).arg(threads);
      QString error = first_mismatch(want_counts, counts.data(), m, maps * comps * d,
                                     maps * comps * d, "counts " + shape);
      if (error.isEmpty()) error = first_mismatch(want, out.data(), m, d, d + 3, "output " + shape);
      QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    rk::set_num_threads(1);
  }
};

BINVIT_REGISTER_TEST(TestAttentionKernels);
#include "test_attention_kernels.moc"
