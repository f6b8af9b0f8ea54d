// BHViT's MSMHA attention core with quantization decomposition (ALGORITHMS.md 3.4, 3.6): sign
// Q/K/V after their shifts, binary Q.K^T, softmax, the QD codes u = s A / alpha_h + z_h rounded
// half up and clipped to [0, s], and A_q.V as s binary products of the maps {level >= sigma}
// with sign V. As the LibTorch model evaluates it (core/nn/models/bhvit_msmha.cpp): the integer
// sum of the products is scaled by alpha_h once.
#include "core/runtime/engine/float_ops.h"
#include "core/runtime/engine/ops.h"
#include "core/runtime/kernels/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace binvit::runtime::engine {
namespace {

using kernels::words_for_bits;

// The QD level of one attention value: clip(round_half_up(u), 0, s), round_half_up(v) =
// floor(v) + (v - floor(v) >= 0.5), as functional::round_half_up.
float qd_level(float a, float levels, float alpha, float zero) {
  const float u = levels * a / alpha + zero;
  const float whole = std::floor(u);
  const float rounded = whole + ((u - whole) >= 0.5f ? 1.0f : 0.0f);
  return std::min(std::max(rounded, 0.0f), levels);
}

struct QdTraces {
  TraceEntry* query = nullptr;
  TraceEntry* key = nullptr;
  TraceEntry* scores = nullptr;
  TraceEntry* value_sign = nullptr;
  std::vector<TraceEntry*> maps, values;
};

QdTraces add_traces(const QdAttentionOp& op, std::size_t sequences, Trace* trace) {
  QdTraces t;
  if (trace == nullptr) return t;
  const std::size_t s = sequences, h = op.heads, n = op.sequence, d = op.head_dim;
  t.query = &trace->add(op.name + ".query", {s, h, n, d}, true);
  t.key = &trace->add(op.name + ".key", {s, h, n, d}, true);
  t.scores = &trace->add(op.name + ".scores", {s, h, n, n}, false);
  t.value_sign = &trace->add(op.name + ".value_sign", {s, h, n, d}, true);
  for (std::size_t sigma = 1; sigma <= op.levels; ++sigma) {
    t.maps.push_back(&trace->add(op.name + ".qd_map." + std::to_string(sigma), {s, h, n, n}, true));
    t.values.push_back(
        &trace->add(op.name + ".values." + std::to_string(sigma), {s, h, n, d}, false));
  }
  return t;
}

// x + shift for the rows of one sequence and one head: n x d.
void shifted_head(const Matrix& x, std::size_t first_row, std::size_t n, std::size_t h,
                  std::size_t d, const float* shift, float* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const float* row = x.row(first_row + i) + h * d;
    for (std::size_t e = 0; e < d; ++e) out[i * d + e] = row[e] + shift[h * d + e];
  }
}

}  // namespace

void run_qd_attention(const QdAttentionOp& op, const Matrix& q, const Matrix& k, const Matrix& v,
                      Matrix& out, Trace* trace) {
  const std::size_t n = op.sequence, d = op.head_dim, c = op.heads * d;
  const std::size_t sequences = q.rows / n, wd = words_for_bits(d), wn = words_for_bits(n);
  const auto scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(d)));
  const auto levels = static_cast<float>(op.levels);
  out.resize(q.rows, c);
  QdTraces traces = add_traces(op, sequences, trace);

  std::vector<float> qs(n * d), ks(n * d), vs(n * d), vt(d * n), attention(n * n), map(n * n);
  std::vector<std::uint64_t> q_bits(n * wd), k_bits(n * wd), v_bits(d * wn), map_bits(n * wn);
  std::vector<std::int32_t> scores(n * n), product(n * d), total(n * d);
  for (std::size_t s = 0; s < sequences; ++s) {
    for (std::size_t h = 0; h < op.heads; ++h) {
      const std::size_t pair = s * op.heads + h;
      shifted_head(q, s * n, n, h, d, op.query_shift, qs.data());
      shifted_head(k, s * n, n, h, d, op.key_shift, ks.data());
      shifted_head(v, s * n, n, h, d, op.value_shift, vs.data());
      kernels::pack_signs(qs.data(), n, d, d, q_bits.data(), wd);
      kernels::pack_signs(ks.data(), n, d, d, k_bits.data(), wd);
      kernels::qk_scores(n, n, d, q_bits.data(), wd, k_bits.data(), wd, scores.data(), n);
      for (std::size_t i = 0; i < n * n; ++i) attention[i] = static_cast<float>(scores[i]) * scale;
      softmax_rows(attention.data(), n, n);
      // sign V transposed: one row of n bits per channel, the operand layout of bmm01.
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t e = 0; e < d; ++e) vt[e * n + j] = vs[j * d + e];
      kernels::pack_signs(vt.data(), d, n, n, v_bits.data(), wn);

      const float alpha = op.alpha[h], zero = op.zero_point[h];
      for (std::size_t i = 0; i < n * n; ++i)
        attention[i] = qd_level(attention[i], levels, alpha, zero);
      std::fill(total.begin(), total.end(), 0);
      for (std::size_t sigma = 1; sigma <= op.levels; ++sigma) {
        const auto threshold = static_cast<float>(sigma);
        for (std::size_t i = 0; i < n * n; ++i) map[i] = attention[i] >= threshold ? 1.0f : 0.0f;
        kernels::pack_rows(map.data(), n, n, n, 0.5f, map_bits.data(), wn);
        kernels::bmm01(n, d, n, map_bits.data(), wn, v_bits.data(), wn, product.data(), d);
        for (std::size_t i = 0; i < n * d; ++i) total[i] += product[i];
        if (trace != nullptr) {
          for (std::size_t i = 0; i < n * n; ++i)
            traces.maps[sigma - 1]->bits[pair * n * n + i] = map[i] > 0.5f;
          std::copy(product.begin(), product.end(),
                    traces.values[sigma - 1]->counts.begin() + pair * n * d);
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        float* dst = out.row(s * n + i) + h * d;
        for (std::size_t e = 0; e < d; ++e) dst[e] = static_cast<float>(total[i * d + e]) * alpha;
      }
      if (trace != nullptr) {
        for (std::size_t i = 0; i < n * d; ++i) {
          traces.query->bits[pair * n * d + i] = qs[i] >= 0.0f;
          traces.key->bits[pair * n * d + i] = ks[i] >= 0.0f;
          traces.value_sign->bits[pair * n * d + i] = vs[i] >= 0.0f;
        }
        std::copy(scores.begin(), scores.end(), traces.scores->counts.begin() + pair * n * n);
      }
    }
  }
}

}  // namespace binvit::runtime::engine
