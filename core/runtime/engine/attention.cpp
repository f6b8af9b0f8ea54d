// Multi-head self-attention: the float path, and the binary path of GSB and the baseline
// (binary Q/K with per-head shifts, softmax, optional P, superposed {0,1} maps, ternary V
// components, the sparse A.V kernel). Formulas, tie rules and rounding follow the LibTorch model
// (core/nn/models/deit_attention.cpp, functional/group_superposition.cpp):
//   base map   round_half_up(A / a1) >= 1   <=>  A / a1 >= 0.5  (division rounded as in torch)
//   M_k        A > float(tau) * max_scope(A)
//   sign V     v~ >= 0 (sgn(0) = +1)
//   group G_k  v~ > float(tau) * max_scope(v~)  or  v~ < float(tau) * min_scope(v~)
#include "core/runtime/engine/float_ops.h"
#include "core/runtime/engine/ops.h"
#include "core/runtime/kernels/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace binvit::runtime::engine {
namespace {

using kernels::words_for_bits;

float inverse_sqrt(std::size_t d) { return static_cast<float>(1.0 / std::sqrt(static_cast<double>(d))); }

void float_attention(const AttentionOp& op, const Matrix& qkv, std::size_t images, Matrix& out) {
  const std::size_t h_count = op.heads, d = op.head_dim, n = op.tokens, c = h_count * d;
  const float scale = inverse_sqrt(d);
  std::vector<float> scores(n * n), values(n * d);
  for (std::size_t b = 0; b < images; ++b) {
    for (std::size_t h = 0; h < h_count; ++h) {
      for (std::size_t i = 0; i < n; ++i) {
        const float* q = qkv.row(b * n + i) + h * d;
        for (std::size_t j = 0; j < n; ++j) {
          const float* k = qkv.row(b * n + j) + c + h * d;
          float dot = 0.0f;
          for (std::size_t e = 0; e < d; ++e) dot += q[e] * k[e];
          scores[i * n + j] = dot * scale;
        }
      }
      softmax_rows(scores.data(), n, n);
      for (std::size_t j = 0; j < n; ++j) {
        std::copy_n(qkv.row(b * n + j) + 2 * c + h * d, d, values.data() + j * d);
      }
      float_gemm(n, d, n, scores.data(), n, values.data(), nullptr, out.row(b * n) + h * d, c);
    }
  }
}

// Extremes of `x` (images x groups x length, contiguous) over the scope: one value for the whole
// batch, one per image, or one per row of `length`.
std::vector<float> scope_extremes(const std::vector<float>& x, std::size_t images,
                                  std::size_t length, ThresholdScope scope, bool maximum) {
  const std::size_t rows = x.size() / length;
  std::size_t parts = scope == ThresholdScope::Batch ? 1 : scope == ThresholdScope::Image ? images : rows;
  const std::size_t per_part = x.size() / parts;
  std::vector<float> out(parts);
  for (std::size_t p = 0; p < parts; ++p) {
    const float* begin = x.data() + p * per_part;
    out[p] = maximum ? *std::max_element(begin, begin + per_part)
                     : *std::min_element(begin, begin + per_part);
  }
  return out;
}

// The index into scope_extremes' result for row `row` (of `rows_per_image` rows per image).
std::size_t scope_index(ThresholdScope scope, std::size_t row, std::size_t rows_per_image) {
  switch (scope) {
    case ThresholdScope::Batch: return 0;
    case ThresholdScope::Image: return row / rows_per_image;
    case ThresholdScope::Row: return row;
  }
  return 0;
}

void binary_attention(const AttentionOp& op, const Matrix& qkv, std::size_t images, Matrix& out,
                      Trace* trace) {
  const std::size_t h_count = op.heads, d = op.head_dim, n = op.tokens, c = h_count * d;
  const std::size_t wd = words_for_bits(d), wn = words_for_bits(n);
  const std::size_t maps = op.attention_scales.size(), comps = op.value_scales.size();
  const std::size_t pairs = images * h_count;

  TraceEntry* query_trace = nullptr;
  TraceEntry* key_trace = nullptr;
  TraceEntry* score_trace = nullptr;
  if (trace != nullptr) {
    query_trace = &trace->add(op.name + ".query", {images, h_count, n, d}, true);
    key_trace = &trace->add(op.name + ".key", {images, h_count, n, d}, true);
    score_trace = &trace->add(op.name + ".scores", {images, h_count, n, n}, false);
  }

  // Pass 1: attention probabilities (+ P) and shifted values of every head of every image, since
  // the thresholds of the `image` and `batch` scopes need the extremes over all of them.
  std::vector<float> attention(pairs * n * n), shifted_values(pairs * n * d);
  std::vector<float> shifted(n * d);
  std::vector<std::uint64_t> q_bits(n * wd), k_bits(n * wd);
  std::vector<std::int32_t> counts(n * n);
  for (std::size_t b = 0; b < images; ++b) {
    for (std::size_t h = 0; h < h_count; ++h) {
      const std::size_t pair = b * h_count + h;
      for (int which = 0; which < 2; ++which) {
        const float* shift = (which == 0 ? op.query_shift : op.key_shift) + h * d;
        for (std::size_t i = 0; i < n; ++i) {
          const float* x = qkv.row(b * n + i) + which * c + h * d;
          for (std::size_t e = 0; e < d; ++e) shifted[i * d + e] = x[e] + shift[e];
        }
        std::vector<std::uint64_t>& bits = which == 0 ? q_bits : k_bits;
        kernels::pack_signs(shifted.data(), n, d, d, bits.data(), wd);
        if (trace != nullptr) {
          TraceEntry* t = which == 0 ? query_trace : key_trace;
          for (std::size_t i = 0; i < n * d; ++i) t->bits[pair * n * d + i] = shifted[i] >= 0.0f;
        }
      }
      kernels::qk_scores(n, n, d, q_bits.data(), wd, k_bits.data(), wd, counts.data(), n);
      if (trace != nullptr) std::copy(counts.begin(), counts.end(), score_trace->counts.begin() + pair * n * n);
      // softmax_rows on the logits (count * unit) * scale, with exp looked up (exp_table).
      float* a = attention.data() + pair * n * n;
      const std::size_t levels = d + 1;
      for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t* row_counts = counts.data() + i * n;
        const std::int32_t top = *std::max_element(row_counts, row_counts + n);
        const float* exps = op.exp_table.data() + static_cast<std::size_t>((top + static_cast<std::int32_t>(d)) / 2) * levels;
        float* row = a + i * n;
        float sum = 0.0f;
        for (std::size_t j = 0; j < n; ++j) {
          row[j] = exps[(row_counts[j] + static_cast<std::int32_t>(d)) / 2];
          sum += row[j];
        }
        const float inverse = 1.0f / sum;
        for (std::size_t j = 0; j < n; ++j) row[j] *= inverse;
      }
      if (op.attention_bias != nullptr) {
        const float* p = op.attention_bias + h * n * n;
        for (std::size_t i = 0; i < n * n; ++i) a[i] += p[i];
      }
      float* v = shifted_values.data() + pair * n * d;
      for (std::size_t i = 0; i < n; ++i) {
        const float* x = qkv.row(b * n + i) + 2 * c + h * d;
        for (std::size_t e = 0; e < d; ++e) v[i * d + e] = x[e] + op.value_shift[h * d + e];
      }
    }
  }

  // Pass 2: the extremes the thresholds are relative to.
  const bool any_attention_thresholds = maps > 1, any_value_thresholds = comps > 1;
  std::vector<float> a_max, v_max, v_min;
  if (any_attention_thresholds) a_max = scope_extremes(attention, images, n, op.scope, true);
  if (any_value_thresholds) {
    v_max = scope_extremes(shifted_values, images, d, op.scope, true);
    v_min = scope_extremes(shifted_values, images, d, op.scope, false);
  }

  std::vector<TraceEntry*> map_traces, group_traces, value_traces;
  TraceEntry* sign_trace = nullptr;
  if (trace != nullptr) {
    for (std::size_t i = 0; i < maps; ++i)
      map_traces.push_back(&trace->add(op.name + ".attention_map." + std::to_string(i), {images, h_count, n, n}, true));
    sign_trace = &trace->add(op.name + ".value_sign", {images, h_count, n, d}, true);
    for (std::size_t j = 1; j < comps; ++j)
      group_traces.push_back(&trace->add(op.name + ".value_group." + std::to_string(j), {images, h_count, n, d}, true));
    for (std::size_t i = 0; i < maps; ++i)
      for (std::size_t j = 0; j < comps; ++j)
        value_traces.push_back(&trace->add(op.name + ".values." + std::to_string(i) + "." + std::to_string(j), {images, h_count, n, d}, false));
  }

  // Pass 3: bit maps, ternary value components, and the A.V products.
  std::vector<float> scales(maps * comps);
  for (std::size_t i = 0; i < maps; ++i)
    for (std::size_t j = 0; j < comps; ++j) scales[i * comps + j] = op.attention_scales[i] * op.value_scales[j];
  std::vector<std::uint64_t> map_bits(maps * n * wn);
  std::vector<std::int8_t> components(n * comps * d);
  std::vector<float> ratio(n);
  std::vector<std::int32_t> value_counts(trace != nullptr ? n * maps * comps * d : 0);
  const float a1 = op.attention_scales[0];
  const std::size_t rows_per_image_a = h_count * n;  // attention rows of one image
  for (std::size_t b = 0; b < images; ++b) {
    for (std::size_t h = 0; h < h_count; ++h) {
      const std::size_t pair = b * h_count + h;
      const float* a = attention.data() + pair * n * n;
      for (std::size_t i = 0; i < n; ++i) {
        const float* row = a + i * n;
        for (std::size_t j = 0; j < n; ++j) ratio[j] = row[j] / a1;
        kernels::pack_rows(ratio.data(), 1, n, n, 0.5f, map_bits.data() + i * wn, wn);
        const std::size_t global_row = pair * n + i;
        for (std::size_t k = 1; k < maps; ++k) {
          const float m = a_max[scope_index(op.scope, global_row, rows_per_image_a)];
          const float threshold = op.attention_taus[k - 1] * m;
          // A > t  <=>  A >= the next float above t.
          kernels::pack_rows(row, 1, n, n, std::nextafter(threshold, std::numeric_limits<float>::infinity()),
                             map_bits.data() + (k * n + i) * wn, wn);
        }
      }
      const float* v = shifted_values.data() + pair * n * d;
      for (std::size_t t = 0; t < n; ++t) {
        const std::size_t global_row = pair * n + t;
        const std::size_t index = scope_index(op.scope, global_row, rows_per_image_a);
        for (std::size_t e = 0; e < d; ++e) {
          const float x = v[t * d + e];
          const std::int8_t sign = x >= 0.0f ? 1 : -1;
          components[t * comps * d + e] = sign;
          for (std::size_t j = 1; j < comps; ++j) {
            const bool in_group = x > op.value_taus[j - 1] * v_max[index] ||
                                  x < op.value_taus[j - 1] * v_min[index];
            components[t * comps * d + j * d + e] = in_group ? sign : 0;
          }
        }
      }
      kernels::AttentionValues problem;
      problem.m = n;
      problem.n_keys = n;
      problem.d = d;
      problem.maps = maps;
      problem.comps = comps;
      problem.a = map_bits.data();
      problem.lda = wn;
      problem.map_stride = n * wn;
      problem.v = components.data();
      problem.ldv = comps * d;
      problem.scale = scales.data();
      problem.out = out.row(b * n) + h * d;
      problem.ldo = c;
      problem.counts = trace != nullptr ? value_counts.data() : nullptr;
      kernels::attention_values(problem);

      if (trace != nullptr) {
        for (std::size_t k = 0; k < maps; ++k)
          for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
              map_traces[k]->bits[(pair * n + i) * n + j] =
                  static_cast<std::uint8_t>((map_bits[(k * n + i) * wn + j / 64] >> (j % 64)) & 1U);
        for (std::size_t t = 0; t < n; ++t) {
          for (std::size_t e = 0; e < d; ++e) {
            sign_trace->bits[(pair * n + t) * d + e] = components[t * comps * d + e] > 0;
            for (std::size_t j = 1; j < comps; ++j)
              group_traces[j - 1]->bits[(pair * n + t) * d + e] = components[t * comps * d + j * d + e] != 0;
          }
        }
        for (std::size_t q = 0; q < n; ++q)
          for (std::size_t i = 0; i < maps; ++i)
            for (std::size_t j = 0; j < comps; ++j)
              for (std::size_t e = 0; e < d; ++e)
                value_traces[i * comps + j]->counts[(pair * n + q) * d + e] =
                    value_counts[((q * maps + i) * comps + j) * d + e];
      }
    }
  }
}

}  // namespace

void run_attention(const AttentionOp& op, const Matrix& qkv, std::size_t images, Matrix& out,
                   Trace* trace) {
  out.resize(images * op.tokens, op.heads * op.head_dim);
  if (op.binary) {
    binary_attention(op, qkv, images, out, trace);
  } else {
    float_attention(op, qkv, images, out);
  }
}

}  // namespace binvit::runtime::engine
