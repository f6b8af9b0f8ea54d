#pragma once
// Deterministic parallel sums for the fused binarizer kernels: [0, n) is cut into fixed chunks
// (independent of the thread count), each chunk adds its terms into its own slots in double, and
// the chunks are combined in order. So a gradient sum has the same bits at 1 or 2 threads.

#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace binvit::nn::functional {

constexpr int64_t kSumChunk = 16384;

// body(lo, hi, sums) handles elements [lo, hi) and adds into sums[0 .. slots); returns the totals.
template <typename Body>
std::vector<double> chunked_sums(int64_t n, size_t slots, const Body& body) {
  const int64_t chunks = (n + kSumChunk - 1) / kSumChunk;
  std::vector<double> partial(static_cast<size_t>(chunks) * slots, 0.0);
  at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
    for (int64_t chunk = begin; chunk < end; ++chunk) {
      body(chunk * kSumChunk, std::min(n, (chunk + 1) * kSumChunk),
           partial.data() + static_cast<size_t>(chunk) * slots);
    }
  });
  std::vector<double> total(slots, 0.0);
  for (int64_t chunk = 0; chunk < chunks; ++chunk) {
    for (size_t s = 0; s < slots; ++s) total[s] += partial[static_cast<size_t>(chunk) * slots + s];
  }
  return total;
}

}  // namespace binvit::nn::functional
