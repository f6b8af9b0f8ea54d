#include "core/runtime/format/checksum.h"

namespace binvit::runtime::format {

std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t state) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    state ^= bytes[i];
    state *= kPrime;
  }
  return state;
}

}  // namespace binvit::runtime::format
