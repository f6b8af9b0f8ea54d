// bgemm (+-1 x +-1), bmm01 ({0,1} x +-1) and tgemm ({0,1} x ternary) against integer oracles on
// the unpacked values, for every variant this CPU runs, over the shared shape sweep.
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

// Operands of the three products as floats plus the unpacked integer values the oracle uses.
struct Operands {
  std::size_t m, n, k;
  std::vector<float> a, b, b_abs;
  std::vector<int> a_pm, a01, b_pm, b_mask;

  Operands(std::size_t m_, std::size_t n_, std::size_t k_)
      : m(m_),
        n(n_),
        k(k_),
        a(signed_floats(m_, k_, 11 + m_ * 7 + k_)),
        b(signed_floats(n_, k_, 29 + n_ * 13 + k_)) {
    for (float v : a) {
      a_pm.push_back(sign_of(v));
      a01.push_back(v >= 0.0f ? 1 : 0);  // the {0,1} map: bit = x >= threshold, threshold 0
    }
    for (float v : b) {
      b_pm.push_back(sign_of(v));
      b_abs.push_back(std::fabs(v));
      b_mask.push_back(std::fabs(v) >= 1.0f ? 1 : 0);  // the "group": |v| >= 1
    }
  }

  // sum over e of x[i][e] * y[j][e], in int64 so the oracle cannot overflow.
  static std::vector<std::int32_t> product(const std::vector<int>& x, const std::vector<int>& y,
                                           std::size_t m, std::size_t n, std::size_t k) {
    std::vector<std::int32_t> c(m * n);
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        std::int64_t sum = 0;
        for (std::size_t e = 0; e < k; ++e) sum += x[i * k + e] * y[j * k + e];
        c[i * n + j] = static_cast<std::int32_t>(sum);
      }
    }
    return c;
  }

  std::vector<std::int32_t> pm_pm() const { return product(a_pm, b_pm, m, n, k); }
  std::vector<std::int32_t> zo_pm() const { return product(a01, b_pm, m, n, k); }
  std::vector<std::int32_t> zo_ternary() const {
    std::vector<int> t(b_pm.size());
    for (std::size_t e = 0; e < t.size(); ++e) t[e] = b_mask[e] * b_pm[e];
    return product(a01, t, m, n, k);
  }
};

// Odd tiles (3 x 5) at the row lengths of kLayoutK, added to a sweep's columns.
void add_layout_rows() {
  for (const char* variant : kVariants) {
    for (int k : kLayoutK) {
      QTest::addRow("%s_m3_n5_k%d", variant, k) << QString(variant) << 3 << 5 << k;
    }
  }
}

}  // namespace

class TestBinaryGemm : public QObject {
  Q_OBJECT

 private slots:
  void bgemmMatchesOracle_data() {
    add_sweep_rows(kSweepM, kSweepN, kSweepK);
    add_layout_rows();
  }
  void bgemmMatchesOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const Operands op(m, n, k);
    const PackedRows a = pack_with(*table, op.a, m, k, 0.0f);
    const PackedRows b = pack_with(*table, op.b, n, k, 0.0f);
    std::vector<std::int32_t> c(static_cast<std::size_t>(m) * (n + 3), -7777);
    table->bgemm(m, n, k, a.ptr(), a.stride, b.ptr(), b.stride, c.data(), n + 3);
    const QString error =
        first_mismatch(op.pm_pm(), c.data(), m, n, n + 3, shape_name(variant, m, n, k));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The columns between n and the stride are not the kernel's to write.
    for (int i = 0; i < m; ++i) QCOMPARE(c[i * (n + 3) + n], -7777);
  }

  void bmm01MatchesOracle_data() {
    add_sweep_rows(kSweepM, kSweepN, kSweepK);
    add_layout_rows();
  }
  void bmm01MatchesOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const Operands op(m, n, k);
    const PackedRows a = pack_with(*table, op.a, m, k, 0.0f);
    const PackedRows s = pack_with(*table, op.b, n, k, 0.0f);
    std::vector<std::int32_t> c(static_cast<std::size_t>(m) * n);
    table->bmm01(m, n, k, a.ptr(), a.stride, s.ptr(), s.stride, c.data(), n);
    const QString error =
        first_mismatch(op.zo_pm(), c.data(), m, n, n, shape_name(variant, m, n, k));
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  void tgemmMatchesOracle_data() {
    add_sweep_rows(kSweepM, kSweepN, kSweepK);
    add_layout_rows();
  }
  void tgemmMatchesOracle() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const Operands op(m, n, k);
    const PackedRows a = pack_with(*table, op.a, m, k, 0.0f);
    const PackedRows sign = pack_with(*table, op.b, n, k, 0.0f);
    const PackedRows mask = pack_with(*table, op.b_abs, n, k, 1.0f);
    std::vector<std::int32_t> c(static_cast<std::size_t>(m) * n);
    table->tgemm(m, n, k, a.ptr(), a.stride, sign.ptr(), mask.ptr(), sign.stride, c.data(), n);
    const QString error =
        first_mismatch(op.zo_ternary(), c.data(), m, n, n, shape_name(variant, m, n, k));
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  // The entry points split the output between threads; the bits must not depend on it. Shapes
  // where N is split (linear layers), M is split (A.V) and both are long (Q.K^T, general d).
  void threadCountDoesNotChangeResults_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    for (const char* variant : kVariants) {
      QTest::addRow("%s_m197_n1152_k384", variant) << QString(variant) << 197 << 1152 << 384;
      QTest::addRow("%s_m197_n64_k197", variant) << QString(variant) << 197 << 64 << 197;
      QTest::addRow("%s_m197_n197_k128", variant) << QString(variant) << 197 << 197 << 128;
      QTest::addRow("%s_m33_n301_k1000", variant) << QString(variant) << 33 << 301 << 1000;
    }
  }
  void threadCountDoesNotChangeResults() {
    QFETCH(QString, variant);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const Operands op(m, n, k);
    const PackedRows a = pack_with(*table, op.a, m, k, 0.0f);
    const PackedRows b = pack_with(*table, op.b, n, k, 0.0f);
    const PackedRows mask = pack_with(*table, op.b_abs, n, k, 1.0f);
    const std::size_t size = static_cast<std::size_t>(m) * n;
    std::vector<std::int32_t> xor1(size), xor2(size), and1(size), and2(size), ter1(size),
        ter2(size);
    const auto run = [&](int threads, std::vector<std::int32_t>& x, std::vector<std::int32_t>& y,
                         std::vector<std::int32_t>& t) {
      rk::set_num_threads(threads);
      rk::bgemm(*table, m, n, k, a.ptr(), a.stride, b.ptr(), b.stride, x.data(), n);
      rk::bmm01(*table, m, n, k, a.ptr(), a.stride, b.ptr(), b.stride, y.data(), n);
      rk::tgemm(*table, m, n, k, a.ptr(), a.stride, b.ptr(), mask.ptr(), b.stride, t.data(), n);
    };
    run(1, xor1, and1, ter1);
    run(2, xor2, and2, ter2);
    rk::set_num_threads(1);
    const QString shape = shape_name(variant, m, n, k);
    QString error = first_mismatch(op.pm_pm(), xor1.data(), m, n, n, "bgemm 1 thread " + shape);
    if (error.isEmpty())
      error = first_mismatch(xor1, xor2.data(), m, n, n, "bgemm 2 threads " + shape);
    if (error.isEmpty())
      error = first_mismatch(op.zo_pm(), and1.data(), m, n, n, "bmm01 1 thread " + shape);
    if (error.isEmpty())
      error = first_mismatch(and1, and2.data(), m, n, n, "bmm01 2 threads " + shape);
    if (error.isEmpty())
      error = first_mismatch(op.zo_ternary(), ter1.data(), m, n, n, "tgemm 1 thread " + shape);
    if (error.isEmpty())
      error = first_mismatch(ter1, ter2.data(), m, n, n, "tgemm 2 threads " + shape);
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  // Bits 65..127 of a K = 65 row are padding: whatever the other row holds there, the result is
  // that of the 65 real bits. Here the padding of B is left 0 and A's real bits are all +1 or
  // all -1, so a kernel counting padding would be off by the padding width.
  void paddingNeverCounts() {
    for (const rk::KernelTable* table : rk::kernel_tables()) {
      const std::size_t k = 65;
      std::vector<float> ones(2 * k, 1.0f), minus(2 * k, -1.0f);
      const PackedRows a = pack_with(*table, ones, 2, k, 0.0f);
      const PackedRows b = pack_with(*table, minus, 2, k, 0.0f);
      QCOMPARE(a.ptr()[1], std::uint64_t{1});  // one real bit in the second word, the rest 0
      std::int32_t c[4] = {};
      table->bgemm(2, 2, k, a.ptr(), a.stride, b.ptr(), b.stride, c, 2);
      for (std::int32_t v : c) QCOMPARE(v, -65);
      table->bmm01(2, 2, k, a.ptr(), a.stride, b.ptr(), b.stride, c, 2);
      for (std::int32_t v : c) QCOMPARE(v, -65);
      table->bgemm(2, 2, k, a.ptr(), a.stride, a.ptr(), a.stride, c, 2);
      for (std::int32_t v : c) QCOMPARE(v, 65);
    }
  }
};

BINVIT_REGISTER_TEST(TestBinaryGemm);
#include "test_binary_gemm.moc"
