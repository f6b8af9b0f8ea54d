#pragma once
// The one table of kernel variants and the run-time choice between them.
//
// Every kernel family has a portable reference variant (any CPU; also the definition the fast
// variants are tested against, next to the independent oracle of the tests) and an AVX2 variant
// compiled with -mavx2 -mfma -mbmi2 -mpopcnt for its file only, so the library itself runs on
// any x86-64. active_kernels() returns the AVX2 table when cpu_features() reports AVX2, FMA,
// BMI2 and POPCNT, unless the reference path is forced:
//   - environment: BINVIT_FORCE_REFERENCE=1 (read once, at the first call), or
//   - set_force_reference(true) (e.g. a command-line switch), which wins over the environment.
// Adding a variant = one source file + one table (and the tests/benchmarks pick it up from
// kernel_tables()).

#include "core/runtime/kernels/attention_values.h"
#include "core/runtime/kernels/bgemm.h"
#include "core/runtime/kernels/binary_conv.h"
#include "core/runtime/kernels/bitpack.h"
#include "core/runtime/kernels/epilogue.h"
#include "core/runtime/kernels/igemm.h"
#include "core/runtime/kernels/qk.h"

#include <vector>

namespace binvit::runtime::kernels {

struct KernelTable {
  const char* name;  // "ref", "avx2"
  PackRowsFn pack_rows;
  BgemmFn bgemm;
  BgemmFn bmm01;
  TgemmFn tgemm;
  BgemmFn qk_d64;
  IgemmFn igemm;
  AttentionValuesFn attention_values;
  BinaryConvFn binary_conv;
  ScaleBiasFn scale_bias;
  ScaleAccumulateFn scale_accumulate;
  // Output tile of the GEMM kernels (rows x columns); work split between threads keeps it whole.
  int tile_rows;
  int tile_columns;
};

const KernelTable& reference_kernels();
// nullptr when this build or this CPU cannot run the AVX2 variants.
const KernelTable* avx2_kernels();
// Every table this CPU can run, reference first.
std::vector<const KernelTable*> kernel_tables();

// The table the entry points of kernels.h use.
const KernelTable& active_kernels();
void set_force_reference(bool force);
bool reference_forced();

}  // namespace binvit::runtime::kernels
