#include "core/runtime/kernels/igemm.h"

#include <cassert>

namespace binvit::runtime::kernels {

void igemm_ref(std::size_t m, std::size_t n, std::size_t k, const std::int8_t* a, std::size_t lda,
               const std::int8_t* b, std::size_t ldb, std::int32_t* c, std::size_t ldc) {
  assert(k <= (std::size_t{1} << 17) && lda >= k && ldb >= k && ldc >= n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      std::int32_t sum = 0;
      for (std::size_t e = 0; e < k; ++e) {
        sum +=
            static_cast<std::int32_t>(a[i * lda + e]) * static_cast<std::int32_t>(b[j * ldb + e]);
      }
      c[i * ldc + j] = sum;
    }
  }
}

}  // namespace binvit::runtime::kernels
