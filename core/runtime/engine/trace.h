#pragma once
// What the engine can record for verification (`binvit verify`): every binarized activation as
// bits and every binary product as exact integer counts, per layer, in the layout of the LibTorch
// model's tensors so the two can be compared element by element. Off unless a Trace is passed.
//
// Names: "<layer>.input" (bits of a binary linear's input), "<layer>.product" (its counts,
// (B*N, out)); for binary attention "<layer>.query", ".key" (B, H, N, d), ".scores" (Q.K^T counts,
// (B, H, N, N)), ".attention_map.<i>" (i = 0: round(A/a1) >= 1, then M2, M3, ...; (B, H, N, N)),
// ".value_sign" and ".value_group.<k>" (k = 1, 2, ...; (B, H, N, d)), ".values.<i>.<j>"
// (B_i . V_j counts, (B, H, N, d)).

#include <cstddef>
#include <cstdint>
#include <string>
#include <deque>
#include <vector>

namespace binvit::runtime::engine {

struct TraceEntry {
  std::string name;
  std::vector<std::size_t> shape;
  std::vector<std::uint8_t> bits;     // for binarized activations (0 / 1)
  std::vector<std::int32_t> counts;   // for integer products
};

class Trace {
 public:
  // Returns a new entry sized for `shape` (bits when `is_bits`, counts otherwise), zeroed.
  TraceEntry& add(const std::string& name, std::vector<std::size_t> shape, bool is_bits);
  const TraceEntry* find(const std::string& name) const;
  const std::deque<TraceEntry>& entries() const { return entries_; }

 private:
  std::deque<TraceEntry> entries_;  // a deque: add() must not move earlier entries
};

}  // namespace binvit::runtime::engine
