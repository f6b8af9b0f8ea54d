#include "core/runtime/kernels/epilogue.h"

#include <cassert>
#include <cmath>

namespace binvit::runtime::kernels {

void scale_bias_ref(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                    const float* scale, const float* bias, float* out, std::size_t ldo) {
  assert(scale != nullptr && ldc >= n && ldo >= n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      out[i * ldo + j] =
          std::fma(static_cast<float>(c[i * ldc + j]), scale[j], bias ? bias[j] : 0.0f);
    }
  }
}

void scale_accumulate_ref(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                          const float* scale, float* out, std::size_t ldo) {
  assert(scale != nullptr && ldc >= n && ldo >= n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      out[i * ldo + j] = std::fma(static_cast<float>(c[i * ldc + j]), scale[j], out[i * ldo + j]);
    }
  }
}

}  // namespace binvit::runtime::kernels
