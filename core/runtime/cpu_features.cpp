#include "core/runtime/cpu_features.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define BINVIT_X86 1
#endif

namespace binvit::runtime {
namespace {

#ifdef BINVIT_X86
struct Registers {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
};

Registers cpuid(unsigned leaf, unsigned subleaf = 0) {
  Registers r;
  __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
  return r;
}

// AVX state must be enabled by the OS (XCR0 bits 1 and 2), not only present in the CPU.
bool os_saves_avx_state() {
  unsigned lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (lo & 0x6U) == 0x6U;
}

std::string trimmed(const char* text) {
  std::string s(text);
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(" ");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

CpuFeatures detect() {
  CpuFeatures f;
  const Registers vendor_regs = cpuid(0);
  const unsigned max_leaf = vendor_regs.eax;
  std::array<char, 13> vendor{};
  std::memcpy(vendor.data(), &vendor_regs.ebx, 4);
  std::memcpy(vendor.data() + 4, &vendor_regs.edx, 4);
  std::memcpy(vendor.data() + 8, &vendor_regs.ecx, 4);
  f.vendor = vendor.data();

  const Registers l1 = cpuid(1);
  f.sse42 = (l1.ecx >> 20) & 1U;
  f.popcnt = (l1.ecx >> 23) & 1U;
  const bool osxsave = (l1.ecx >> 27) & 1U;
  const bool avx_usable = osxsave && ((l1.ecx >> 28) & 1U) && os_saves_avx_state();
  f.avx = avx_usable;
  f.fma = avx_usable && ((l1.ecx >> 12) & 1U);
  if (max_leaf >= 7) {
    const Registers l7 = cpuid(7, 0);
    f.avx2 = avx_usable && ((l7.ebx >> 5) & 1U);
    f.bmi2 = (l7.ebx >> 8) & 1U;
    f.avx512f = avx_usable && ((l7.ebx >> 16) & 1U);
    f.avx512vpopcntdq = f.avx512f && ((l7.ecx >> 14) & 1U);
  }

  if (cpuid(0x80000000U).eax >= 0x80000004U) {
    std::array<char, 49> brand{};
    for (unsigned i = 0; i < 3; ++i) {
      const Registers r = cpuid(0x80000002U + i);
      std::memcpy(brand.data() + 16 * i, &r, 16);
    }
    f.brand = trimmed(brand.data());
  }
  return f;
}
#else
CpuFeatures detect() { return {}; }
#endif

}  // namespace

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = detect();
  return features;
}

std::string describe_cpu_features(const CpuFeatures& f) {
  std::string out;
  const auto add = [&out](bool present, const char* name) {
    if (!present) return;
    if (!out.empty()) out += ' ';
    out += name;
  };
  add(f.sse42, "sse4.2");
  add(f.popcnt, "popcnt");
  add(f.avx, "avx");
  add(f.avx2, "avx2");
  add(f.fma, "fma");
  add(f.bmi2, "bmi2");
  add(f.avx512f, "avx512f");
  add(f.avx512vpopcntdq, "avx512vpopcntdq");
  return out.empty() ? std::string("none") : out;
}

}  // namespace binvit::runtime
