// GELU with AVX2 + FMA, the same formula as the portable gelu() (float_ops.cpp): erf from the
// Abramowitz-Stegun 7.1.26 form that LibTorch's vectorised CPU kernel uses, with exp(-x^2)
// from a degree-6 polynomial after the usual 2^n range reduction (about 1 ulp).
#include "core/runtime/engine/float_ops.h"

#include <immintrin.h>

#include <cmath>
#include <cstddef>

namespace binvit::runtime::engine {
namespace {

// exp(x) for x <= 0 (the argument here is -x^2 / 2 scaled; values below -87 flush to 0).
__m256 exp_nonpositive(__m256 x) {
  const __m256 lowest = _mm256_set1_ps(-87.0f);
  const __m256 underflow = _mm256_cmp_ps(x, lowest, _CMP_LT_OQ);
  x = _mm256_max_ps(x, lowest);
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  // r = x - n ln 2, with ln 2 split in two so that n * ln2_hi is exact.
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.0f / 720.0f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  const __m256i exponent = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  const __m256 result = _mm256_mul_ps(p, _mm256_castsi256_ps(exponent));
  return _mm256_andnot_ps(underflow, result);
}

}  // namespace

void gelu_avx2(const float* x, std::size_t count, float limit, float* y) {
  const __m256 sign_bit = _mm256_set1_ps(-0.0f);
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 half = _mm256_set1_ps(0.5f);
  const __m256 inv_sqrt2 = _mm256_set1_ps(static_cast<float>(M_SQRT1_2));
  const __m256 hi = _mm256_set1_ps(limit), lo = _mm256_set1_ps(-limit);
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    const __m256 v = _mm256_loadu_ps(x + i);
    const __m256 z = _mm256_mul_ps(v, inv_sqrt2);
    const __m256 sign = _mm256_and_ps(sign_bit, z);
    const __m256 a = _mm256_xor_ps(sign, z);
    const __m256 t = _mm256_div_ps(one, _mm256_fmadd_ps(_mm256_set1_ps(0.3275911f), a, one));
    __m256 r = _mm256_fmadd_ps(_mm256_set1_ps(1.061405429f), t, _mm256_set1_ps(-1.453152027f));
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(1.421413741f));
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(-0.284496736f));
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(0.254829592f));
    const __m256 e = exp_nonpositive(_mm256_xor_ps(sign_bit, _mm256_mul_ps(z, z)));
    const __m256 erf = _mm256_xor_ps(sign, _mm256_fmadd_ps(_mm256_mul_ps(_mm256_xor_ps(sign_bit, e), t), r, one));
    __m256 g = _mm256_mul_ps(_mm256_mul_ps(v, half), _mm256_add_ps(one, erf));
    if (limit > 0.0f) g = _mm256_min_ps(_mm256_max_ps(g, lo), hi);
    _mm256_storeu_ps(y + i, g);
  }
  for (; i < count; ++i) {
    y[i] = gelu_scalar(x[i], limit);
  }
}

}  // namespace binvit::runtime::engine
