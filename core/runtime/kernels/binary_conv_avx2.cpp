// Compiled with -mavx2 -mfma -mbmi2 -mpopcnt (this file only); called only when the CPU has them.
//
// The AVX2 binary convolution: the table-lookup kernel for stride 1 (MSGDC's 3x3 convolutions,
// any dilation, padding or channel count), the bit im2col + GEMM for strided convolutions (the
// 2x2 stride-2 downsampling, where the lookup planes would need one copy per stride phase and
// the long rows already keep the GEMM busy).
#include "core/runtime/kernels/binary_conv.h"

namespace binvit::runtime::kernels {

void binary_conv_avx2(const BinaryConv& problem) {
  if (problem.weights->shape.stride == 1)
    binary_conv_lut_avx2(problem);
  else
    binary_conv_im2col_avx2(problem);
}

}  // namespace binvit::runtime::kernels
