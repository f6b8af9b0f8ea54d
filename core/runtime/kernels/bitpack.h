#pragma once
// Bit packing: float rows -> rows of 64-bit words, the input of every binary kernel.
//
// Contract (shared by every kernel in this folder):
// - A packed row of k bits occupies words_for_bits(k) uint64_t words. Element e of the row is
//   bit (e % 64) of word (e / 64), least significant bit first.
// - Bit 1 means +1 (or "in the set" for {0,1} maps), bit 0 means -1 (or "not in the set").
// - Signs follow the project rule sgn(x) = +1 if x >= 0 else -1 (ALGORITHMS.md 1.1), so 0.0 and
//   -0.0 both give bit 1. NaN gives bit 0 (every comparison with NaN is false).
// - Padding: the bits from k up to the end of the last word are written as 0. Every kernel relies
//   on this (xor of two zero pads and "and" with a zero pad both count nothing), which is why the
//   padding never changes a result. Words between words_for_bits(k) and the row stride are not
//   touched.
// - Rows are laid out with a stride in words (ldw >= words_for_bits(k)); the float input has a
//   stride in floats (ldx >= k).

#include <cstddef>
#include <cstdint>

namespace binvit::runtime::kernels {

constexpr std::size_t kBitsPerWord = 64;

constexpr std::size_t words_for_bits(std::size_t bits) {
  return (bits + kBitsPerWord - 1) / kBitsPerWord;
}

// out[r][e] = x[r][e] >= threshold. threshold = 0 packs signs; a strict test x > t is the same
// as x >= std::nextafter(t, +inf) for every non-NaN x, so one packer serves the ">" maps of GSB
// (M2 = 1{A > 0.7 m}) and the ">=" ones (round half up: 1{A/a1 >= 0.5}).
using PackRowsFn = void (*)(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                            float threshold, std::uint64_t* out, std::size_t ldw);

void pack_rows_ref(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                   float threshold, std::uint64_t* out, std::size_t ldw);
// 8 floats per compare + movemask; needs AVX2.
void pack_rows_avx2(const float* x, std::size_t rows, std::size_t k, std::size_t ldx,
                    float threshold, std::uint64_t* out, std::size_t ldw);

}  // namespace binvit::runtime::kernels
