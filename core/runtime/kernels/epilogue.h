#pragma once
// Epilogues: int32 products -> float, kept apart from the integer accumulate (Larq's split), so
// every binary or int8 product shares one output transform and the folding of scales, shifts and
// norms stays the exporter's business.
//
// scale_bias:       out[i][j] = fma(float(c[i][j]), scale[j], bias ? bias[j] : 0)
// scale_accumulate: out[i][j] = fma(float(c[i][j]), scale[j], out[i][j])
//   (one term of GSB's sum of nine scaled products, or of any sum of products)
// Each result is rounded once (fused multiply-add), so the reference and the AVX2 path agree bit
// for bit. c is m x n int32 with stride ldc, out m x n float with stride ldo; scale has n entries
// (a per-tensor scale is n copies).

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

using ScaleBiasFn = void (*)(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                             const float* scale, const float* bias, float* out, std::size_t ldo);
using ScaleAccumulateFn = void (*)(std::size_t m, std::size_t n, const std::int32_t* c,
                                   std::size_t ldc, const float* scale, float* out,
                                   std::size_t ldo);

void scale_bias_ref(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                    const float* scale, const float* bias, float* out, std::size_t ldo);
void scale_bias_avx2(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                     const float* scale, const float* bias, float* out, std::size_t ldo);

void scale_accumulate_ref(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                          const float* scale, float* out, std::size_t ldo);
void scale_accumulate_avx2(std::size_t m, std::size_t n, const std::int32_t* c, std::size_t ldc,
                           const float* scale, float* out, std::size_t ldo);

}  // namespace binvit::runtime::kernels
