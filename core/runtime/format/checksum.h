#pragma once
// The `.bvit` checksum: 64-bit FNV-1a over bytes. It detects corruption, not tampering: every
// step is a bijection of the state for a given byte, so any single changed byte always changes
// the result, and a changed run of bytes escapes only with probability about 2^-64.

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::format {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

// Continues a checksum over more bytes: fnv1a64(b, fnv1a64(a)) is the checksum of a then b.
std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t state = kFnvOffsetBasis);

}  // namespace binvit::runtime::format
