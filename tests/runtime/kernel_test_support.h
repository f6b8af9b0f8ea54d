#pragma once
// Shared pieces of the runtime kernel tests: the shape sweep (one list for every family), test
// data with exact zeros, -0.0 and all-equal rows, the variant under test, and a comparison that
// names position, expected, actual, variant and shape on failure.
//
// The oracle of every test is a plain integer computation on the unpacked values (+-1, {0,1},
// ternary, int8) derived from the floats by the written rule, never a kernel of the library.

#include "core/runtime/kernels/registry.h"

#include <QString>
#include <QTest>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace binvit::test {

namespace rk = binvit::runtime::kernels;

// The edges of the 2 x 4 tile (rows 1, 2, 3; columns 3, 4, 5), a ViT token count, and K below,
// at and above word and vector boundaries up to a ViT-B MLP width.
inline const std::vector<int> kSweepM{1, 2, 3, 197};
inline const std::vector<int> kSweepN{1, 3, 4, 5, 197};
inline const std::vector<int> kSweepK{1, 63, 64, 65, 255, 256, 257, 384, 768, 3072};
// Row lengths where the AVX2 binary GEMM changes layout (8 words) or ends with 1, 2, 3 words
// after its 256-bit steps, and rows past 31 steps (the byte counters' flush).
inline const std::vector<int> kLayoutK{449, 513, 640, 703, 7937, 8193, 16001};
inline const char* const kVariants[] = {"ref", "avx2"};

// Data rows "<variant>_m<M>_n<N>_k<K>" over the sweep.
inline void add_sweep_rows(const std::vector<int>& ms, const std::vector<int>& ns,
                           const std::vector<int>& ks) {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("k");
  for (const char* variant : kVariants) {
    for (int m : ms) {
      for (int n : ns) {
        for (int k : ks) {
          QTest::addRow("%s_m%d_n%d_k%d", variant, m, n, k) << QString(variant) << m << n << k;
        }
      }
    }
  }
}

// The table of a variant; nullptr when this CPU (or build) cannot run it.
inline const rk::KernelTable* kernel_table(const QString& variant) {
  if (variant == "ref") return &rk::reference_kernels();
  if (variant == "avx2") return rk::avx2_kernels();
  return nullptr;
}

#define BINVIT_KERNEL_TABLE_OR_SKIP(name, variant)                                         \
  const binvit::runtime::kernels::KernelTable* name = binvit::test::kernel_table(variant); \
  if (name == nullptr) QSKIP(qPrintable("this CPU cannot run the " + (variant) + " kernels"))

// Values in {-1.5, -1, -0.5, 0, 0.5, 1, 1.5} (exact zeros one time in seven, half of them -0.0).
// Row 0 is all 0.0 (every sign +1) and, with more than one row, the last row is all -1.5, so
// all-equal rows are always in the sweep.
inline std::vector<float> signed_floats(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<float> x(rows * cols);
  for (float& v : x) {
    v = 0.5f * static_cast<float>(static_cast<int>(rng() % 7) - 3);
    if (v == 0.0f && (rng() & 1)) v = -0.0f;
  }
  for (std::size_t c = 0; c < cols; ++c) x[c] = 0.0f;
  if (rows > 1) {
    for (std::size_t c = 0; c < cols; ++c) x[(rows - 1) * cols + c] = -1.5f;
  }
  return x;
}

// The project's sign rule, written out independently of the packers: x >= 0 -> +1.
inline int sign_of(float x) { return x >= 0.0f ? 1 : -1; }

// Packed storage with a stride one word longer than needed, the extra word filled with a
// sentinel: a kernel that reads past the row's words or a packer that writes there shows up.
struct PackedRows {
  std::size_t rows = 0, k = 0, words = 0, stride = 0;
  std::vector<std::uint64_t> data;
  static constexpr std::uint64_t kSentinel = 0xA5A5'5A5A'F00D'BEEFULL;

  PackedRows(std::size_t rows_, std::size_t k_) : rows(rows_), k(k_) {
    words = (k + 63) / 64;
    stride = words + 1;
    data.assign(rows * stride, kSentinel);
  }
  const std::uint64_t* ptr() const { return data.data(); }
  std::uint64_t* ptr() { return data.data(); }
};

inline PackedRows pack_with(const rk::KernelTable& table, const std::vector<float>& x,
                            std::size_t rows, std::size_t k, float threshold) {
  PackedRows packed(rows, k);
  table.pack_rows(x.data(), rows, k, k, threshold, packed.ptr(), packed.stride);
  return packed;
}

inline QString shape_name(const QString& variant, int m, int n, int k) {
  return QStringLiteral("%1 m=%2 n=%3 k=%4").arg(variant).arg(m).arg(n).arg(k);
}

// First difference of an m x n result (stride ld) against the oracle, or an empty string.
template <class T, class U>
QString first_mismatch(const std::vector<T>& expected, const U* actual, std::size_t m,
                       std::size_t n, std::size_t ld, const QString& shape) {
  std::size_t mismatches = 0;
  QString first;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const T want = expected[i * n + j];
      const U got = actual[i * ld + j];
      const bool same = std::memcmp(&want, &got, sizeof(T)) == 0 && sizeof(T) == sizeof(U);
      if (!same) {
        if (mismatches == 0) {
          first = QStringLiteral("C[%1][%2]: expected %3, actual %4")
                      .arg(i)
                      .arg(j)
                      .arg(static_cast<double>(want), 0, 'g', 9)
                      .arg(static_cast<double>(got), 0, 'g', 9);
        }
        ++mismatches;
      }
    }
  }
  if (mismatches == 0) return {};
  return QStringLiteral("%1 (%2 of %3 outputs differ; %4)")
      .arg(first)
      .arg(mismatches)
      .arg(m * n)
      .arg(shape);
}

}  // namespace binvit::test
