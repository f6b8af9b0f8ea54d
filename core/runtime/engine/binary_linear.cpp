// Binary linear: elastic binarizer -> bit packing -> binary GEMM -> folded scale and bias.
#include "core/runtime/engine/ops.h"
#include "core/runtime/kernels/kernels.h"

#include <cstdint>
#include <vector>

namespace binvit::runtime::engine {

void run_binary_linear(const BinaryLinearOp& op, const Matrix& in, Matrix& out, Trace* trace) {
  const std::size_t rows = in.rows, k = op.in_features, words = op.words;
  // The binarizer's decision variable, computed as in training: x~ = x + shift, then for the
  // unsigned {0, alpha} binarizer round_half_up(x~ / alpha) >= 1, i.e. x~ / alpha >= 0.5.
  std::vector<float> shifted(rows * k);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* x = in.row(r);
    float* s = shifted.data() + r * k;
    if (op.shift == nullptr) {  // BHViT: the shift is an op of its own (channel_affine)
      for (std::size_t e = 0; e < k; ++e) s[e] = op.unsigned_input ? x[e] / op.alpha : x[e];
    } else if (op.unsigned_input) {
      for (std::size_t e = 0; e < k; ++e) s[e] = (x[e] + op.shift[e]) / op.alpha;
    } else {
      for (std::size_t e = 0; e < k; ++e) s[e] = x[e] + op.shift[e];
    }
  }
  std::vector<std::uint64_t> packed(rows * words);
  kernels::pack_rows(shifted.data(), rows, k, k, op.unsigned_input ? 0.5f : 0.0f, packed.data(), words);
  std::vector<std::int32_t> counts(rows * op.out_features);
  if (op.unsigned_input) {
    kernels::bmm01(rows, op.out_features, k, packed.data(), words, op.weight, words, counts.data(),
                   op.out_features);
  } else {
    kernels::bgemm(rows, op.out_features, k, packed.data(), words, op.weight, words, counts.data(),
                   op.out_features);
  }
  out.resize(rows, op.out_features);
  kernels::scale_bias(rows, op.out_features, counts.data(), op.out_features, op.scale, op.bias,
                      out.data.data(), op.out_features);
  if (trace != nullptr) {
    TraceEntry& bits = trace->add(op.name + ".input", {rows, k}, true);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t e = 0; e < k; ++e)
        bits.bits[r * k + e] = static_cast<std::uint8_t>((packed[r * words + e / 64] >> (e % 64)) & 1U);
    trace->add(op.name + ".product", {rows, op.out_features}, false).counts = counts;
  }
}

}  // namespace binvit::runtime::engine
