#pragma once
// LayerNorm's row moments as LibTorch's CPU kernel rounds them (float_ops.h layer_norm). Included
// by float_ops.cpp (any x86-64) and by layer_norm_avx2.cpp, where the same code compiles to AVX2
// vectors; the unnamed namespace keeps the two compilations apart. Both files build with
// -ffp-contract=off: a fused multiply-add would round differently.

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

namespace binvit::runtime::engine {
namespace {  // NOLINT(google-build-namespaces): one copy per instruction set

// The mean and biased variance of a row, rounded as LibTorch's CPU LayerNorm (its AVX2 and
// default kernels) rounds them, so that a binarizer after a LayerNorm sees the very floats of
// the training model; a sum in another order moved values within an ulp of a threshold across
// it. The algorithm: 8 float lanes, each a Welford update over one element per 8-float vector;
// every 16 vectors the lanes' moments are merged (Chan's formula) into a binary-counter cascade
// of partial results, which folds at the end; the elements after the last whole vector run a
// scalar Welford, and the 8 lanes are merged into it one by one.
constexpr std::size_t kLanes = 8;
constexpr std::size_t kChunk = 16;

struct LaneMoments {
  std::size_t count = 0;
  std::array<float, kLanes> mean{}, m2{};
};

// Merges `add` into `into` lane by lane (each lane has seen add.count more elements).
inline void merge(const LaneMoments& add, LaneMoments& into) {
  const std::size_t n = into.count + add.count;
  const float c = n == 0 ? 0.0f : static_cast<float>(add.count) / static_cast<float>(n);
  const auto before = static_cast<float>(into.count);
  for (std::size_t l = 0; l < kLanes; ++l) {
    const float delta = add.mean[l] - into.mean[l];
    into.mean[l] += c * delta;
    into.m2[l] += add.m2[l] + delta * delta * c * before;
  }
  into.count = n;
}

inline std::pair<float, float> torch_layer_norm_moments(const float* x, std::size_t dim) {
  const std::size_t vectors = dim / kLanes;
  const std::size_t chunks = (vectors + kChunk - 1) / kChunk;
  std::size_t depth = 0;
  while ((std::size_t{1} << depth) < chunks) ++depth;
  std::vector<LaneMoments> cascade(std::max<std::size_t>(depth, 1));
  for (std::size_t i = 0; i < chunks; ++i) {
    LaneMoments chunk;
    chunk.count = std::min(kChunk, vectors - i * kChunk);
    const float* p = x + i * kChunk * kLanes;
    for (std::size_t j = 0; j < chunk.count; ++j) {
      const float weight = 1.0f / static_cast<float>(j + 1);
      for (std::size_t l = 0; l < kLanes; ++l) {
        const float v = p[j * kLanes + l];
        const float delta = v - chunk.mean[l];
        chunk.mean[l] += delta * weight;
        chunk.m2[l] += delta * (v - chunk.mean[l]);
      }
    }
    merge(chunk, cascade[0]);
    // Carry like a binary counter: after 2^j chunks level j - 1 moves up into level j.
    for (std::size_t j = 1, mask = i + 1; j < depth && (mask & 1) == 0; ++j, mask >>= 1) {
      merge(cascade[j - 1], cascade[j]);
      cascade[j - 1] = LaneMoments{};
    }
  }
  for (std::size_t j = 1; j < depth; ++j) merge(cascade[j], cascade[0]);
  std::size_t count = 0;
  float mean = 0.0f, m2 = 0.0f;
  for (std::size_t i = vectors * kLanes; i < dim; ++i) {
    const float delta = x[i] - mean;
    ++count;
    mean += delta / static_cast<float>(count);
    m2 += delta * (x[i] - mean);
  }
  for (std::size_t l = 0; l < kLanes; ++l) {
    const std::size_t n = count + vectors;
    const float c = n == 0 ? 0.0f : static_cast<float>(vectors) / static_cast<float>(n);
    const float delta = cascade[0].mean[l] - mean;
    mean += c * delta;
    m2 += cascade[0].m2[l] + delta * delta * c * static_cast<float>(count);
    count = n;
  }
  return {mean, m2 / static_cast<float>(dim)};
}

}  // namespace
}  // namespace binvit::runtime::engine
