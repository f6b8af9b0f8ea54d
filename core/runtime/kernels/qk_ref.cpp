#include "core/runtime/kernels/qk.h"

#include <cassert>

namespace binvit::runtime::kernels {

void qk_d64_ref(std::size_t m, std::size_t n, std::size_t d, const std::uint64_t* q,
                std::size_t ldq, const std::uint64_t* keys, std::size_t ldk, std::int32_t* c,
                std::size_t ldc) {
  assert(d >= 1 && d <= 64 && ldq >= 1 && ldk >= 1 && ldc >= n);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint64_t query = q[i * ldq];
    for (std::size_t j = 0; j < n; ++j) {
      c[i * ldc + j] =
          static_cast<std::int32_t>(d) - 2 * __builtin_popcountll(query ^ keys[j * ldk]);
    }
  }
}

}  // namespace binvit::runtime::kernels
