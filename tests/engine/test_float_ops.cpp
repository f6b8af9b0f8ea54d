#include "core/runtime/engine/float_ops.h"
#include "core/runtime/kernels/parallel.h"
#include "core/runtime/kernels/registry.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

namespace rk = binvit::runtime::kernels;
namespace engine = binvit::runtime::engine;

namespace {

// Runs `body` on the reference path and on the AVX2 path (when this CPU has it).
template <class Body>
void on_each_path(const Body& body) {
  for (bool force : {true, false}) {
    rk::set_force_reference(force);
    body(rk::active_kernels().name);
  }
  rk::set_force_reference(false);
}

double exact_gelu(double x) { return x * 0.5 * (1.0 + std::erf(x / std::sqrt(2.0))); }

}  // namespace

// The float operations of the engine against double-precision oracles, on both paths.
class TestFloatOps : public QObject {
  Q_OBJECT

 private slots:
  void geluIsWithinItsApproximationError() {
    std::vector<float> x;
    for (int i = -240000; i <= 240000; i += 7) x.push_back(static_cast<float>(i) * 5e-5f);
    for (float special : {0.0f, -0.0f, 1e-30f, -1e-30f, 30.0f, -30.0f, 200.0f, -200.0f})
      x.push_back(special);
    on_each_path([&](const char* path) {
      std::vector<float> y(x.size());
      engine::gelu(x.data(), x.size(), 0.0f, y.data());
      for (size_t i = 0; i < x.size(); ++i) {
        const double expected = exact_gelu(x[i]);
        // erf's approximation error (< 1.5e-7) times |x| / 2, plus float rounding of 1 + erf
        // and of the products (measured worst: about 0.7 of this bound).
        const double tolerance = 2e-7 * std::fabs(x[i]) + 2e-7 * std::fabs(expected) + 1e-30;
        if (!(std::fabs(y[i] - expected) <= tolerance)) {
          QFAIL(qPrintable(QString("%1 path: gelu(%2) = %3, expected %4")
                               .arg(path)
                               .arg(x[i], 0, 'g', 9)
                               .arg(y[i], 0, 'g', 9)
                               .arg(expected, 0, 'g', 9)));
        }
      }
      std::vector<float> clamped(x.size());
      engine::gelu(x.data(), x.size(), 10.0f, clamped.data());
      for (size_t i = 0; i < x.size(); ++i)
        QCOMPARE(clamped[i], std::fmin(std::fmax(y[i], -10.0f), 10.0f));
    });
  }

  void floatGemmMatchesDoubleOracleAtTileEdges() {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    for (size_t m : {1, 3, 4, 5, 9}) {
      for (size_t n : {1, 7, 8, 15, 16, 17, 33}) {
        for (size_t k : {1, 2, 64, 70}) {
          std::vector<float> a(m * k), bt(k * n), bias(n);
          for (float& v : a) v = value(rng);
          for (float& v : bt) v = value(rng);
          for (float& v : bias) v = value(rng);
          on_each_path([&](const char* path) {
            std::vector<float> c(m * n, -7.0f);
            engine::float_gemm(m, n, k, a.data(), k, bt.data(), bias.data(), c.data(), n);
            for (size_t i = 0; i < m; ++i) {
              for (size_t j = 0; j < n; ++j) {
                double sum = bias[j], magnitude = std::fabs(bias[j]);
                for (size_t e = 0; e < k; ++e) {
                  sum += static_cast<double>(a[i * k + e]) * bt[e * n + j];
                  magnitude += std::fabs(static_cast<double>(a[i * k + e]) * bt[e * n + j]);
                }
                // The classical bound of a float dot product: (k + 1) units of rounding.
                if (!(std::fabs(c[i * n + j] - sum) <= (k + 2) * 6e-8 * magnitude + 1e-7)) {
                  QFAIL(qPrintable(QString("%1 path m%2 n%3 k%4 at (%5, %6): %7 vs %8")
                                       .arg(path)
                                       .arg(m)
                                       .arg(n)
                                       .arg(k)
                                       .arg(i)
                                       .arg(j)
                                       .arg(c[i * n + j])
                                       .arg(sum)));
                }
              }
            }
          });
        }
      }
    }
  }

  // GELU and LayerNorm split their work over the threads without changing a bit: GELU in chunks
  // that keep the vector path's tail at the end, LayerNorm by rows.
  void twoThreadsGiveTheBitsOfOne() {
    std::mt19937 rng(9);
    std::normal_distribution<float> value(0.0f, 2.0f);
    const size_t count = 3 * 4096 + 13, rows = 101, dim = 99;
    std::vector<float> x(count), weight(dim), bias(dim);
    for (float& v : x) v = value(rng);
    for (float& v : weight) v = value(rng);
    for (float& v : bias) v = value(rng);
    on_each_path([&](const char* path) {
      std::vector<float> gelu1(count), gelu2(count), norm1(rows * dim), norm2(rows * dim);
      engine::gelu(x.data(), count, 0.0f, gelu1.data());
      engine::layer_norm(x.data(), rows, dim, 1e-5, weight.data(), bias.data(), norm1.data());
      rk::set_num_threads(2);
      engine::gelu(x.data(), count, 0.0f, gelu2.data());
      engine::layer_norm(x.data(), rows, dim, 1e-5, weight.data(), bias.data(), norm2.data());
      rk::set_num_threads(1);
      QVERIFY2(gelu1 == gelu2, path);
      QVERIFY2(norm1 == norm2, path);
    });
  }

  void layerNormAndSoftmaxMatchDoubleOracles() {
    std::mt19937 rng(5);
    std::normal_distribution<float> value(0.5f, 3.0f);
    const size_t rows = 3, dim = 197;
    std::vector<float> x(rows * dim), weight(dim), bias(dim), y(rows * dim);
    for (float& v : x) v = value(rng);
    for (float& v : weight) v = value(rng);
    for (float& v : bias) v = value(rng);
    for (size_t c = 0; c < dim; ++c) x[c] = 2.0f;  // an all-equal row: variance 0, eps decides
    engine::layer_norm(x.data(), rows, dim, 1e-6, weight.data(), bias.data(), y.data());
    for (size_t r = 0; r < rows; ++r) {
      double mean = 0, var = 0;
      for (size_t c = 0; c < dim; ++c) mean += x[r * dim + c];
      mean /= dim;
      for (size_t c = 0; c < dim; ++c) var += (x[r * dim + c] - mean) * (x[r * dim + c] - mean);
      var /= dim;
      for (size_t c = 0; c < dim; ++c) {
        const double expected =
            (x[r * dim + c] - mean) / std::sqrt(var + 1e-6) * weight[c] + bias[c];
        QVERIFY2(std::fabs(y[r * dim + c] - expected) <= 1e-5 * (1 + std::fabs(expected)),
                 qPrintable(QString("row %1 col %2: %3 vs %4")
                                .arg(r)
                                .arg(c)
                                .arg(y[r * dim + c])
                                .arg(expected)));
      }
    }
    std::vector<float> s(x);
    engine::softmax_rows(s.data(), rows, dim);
    for (size_t r = 0; r < rows; ++r) {
      double top = x[r * dim], total = 0;
      for (size_t c = 0; c < dim; ++c) top = std::max<double>(top, x[r * dim + c]);
      for (size_t c = 0; c < dim; ++c) total += std::exp(x[r * dim + c] - top);
      for (size_t c = 0; c < dim; ++c) {
        const double expected = std::exp(x[r * dim + c] - top) / total;
        // A float sum of 197 terms: at most ~197 units of rounding (1.2e-5) relative.
        QVERIFY(std::fabs(s[r * dim + c] - expected) <= 2e-5 * expected + 1e-12);
      }
    }
  }
};

BINVIT_REGISTER_TEST(TestFloatOps);
#include "test_float_ops.moc"
