#include "core/runtime/kernels/registry.h"

#include "core/runtime/cpu_features.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace binvit::runtime::kernels {
namespace {

// One entry per family, in the order of KernelTable.
const KernelTable kReference{"ref",          pack_rows_ref,        bgemm_ref, bmm01_ref,
                             tgemm_ref,      qk_d64_ref,           igemm_ref, attention_values_ref, binary_conv_ref,
                             scale_bias_ref, scale_accumulate_ref, 1,         1};

#ifdef BINVIT_HAVE_AVX2_KERNELS
const KernelTable kAvx2{"avx2",
                        pack_rows_avx2,
                        bgemm_2x4_avx2,
                        bmm01_2x4_avx2,
                        tgemm_2x2_avx2,
                        qk_d64_avx2,
                        igemm_2x4_avx2,
                        attention_values_sparse_avx2,
                        binary_conv_avx2,
                        scale_bias_avx2,
                        scale_accumulate_avx2,
                        2,
                        4};
#endif

bool environment_forces_reference() {
  const char* value = std::getenv("BINVIT_FORCE_REFERENCE");
  return value != nullptr && *value != '\0' && std::strcmp(value, "0") != 0;
}

// -1: not set by a call, follow the environment; 0 / 1: set_force_reference.
std::atomic<int> g_forced{-1};

}  // namespace

const KernelTable& reference_kernels() { return kReference; }

const KernelTable* avx2_kernels() {
#ifdef BINVIT_HAVE_AVX2_KERNELS
  const CpuFeatures& f = cpu_features();
  if (f.avx2 && f.fma && f.bmi2 && f.popcnt) return &kAvx2;
#endif
  return nullptr;
}

std::vector<const KernelTable*> kernel_tables() {
  std::vector<const KernelTable*> tables{&kReference};
  if (const KernelTable* avx2 = avx2_kernels()) tables.push_back(avx2);
  return tables;
}

void set_force_reference(bool force) { g_forced.store(force ? 1 : 0); }

bool reference_forced() {
  static const bool from_environment = environment_forces_reference();
  const int forced = g_forced.load();
  return forced < 0 ? from_environment : forced == 1;
}

const KernelTable& active_kernels() {
  if (reference_forced()) return kReference;
  const KernelTable* avx2 = avx2_kernels();
  return avx2 ? *avx2 : kReference;
}

}  // namespace binvit::runtime::kernels
