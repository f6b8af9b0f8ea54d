// Kernel micro-benchmarks: packed binary products against LibTorch's float matmul (OpenBLAS
// behind libblas.so.3 here), measured side by side in one run at the same thread count.
//
//   build-rt/tests/bench/bench_kernels --benchmark_repetitions=7
//   (add --benchmark_enable_random_interleaving=true)
//
// After Google Benchmark's own output it prints one table of medians (over repetitions) with
// the ratios and the binary MACs per cycle. Cycles are estimated from the measured time and the
// CPU's nominal clock ("cpu MHz" in /proc/cpuinfo); a CPU that boosts above it makes the
// estimate high, one that is throttled or shared makes it low.
#include <torch/torch.h>

#include "core/runtime/cpu_features.h"
#include "core/runtime/kernels/kernels.h"
#include "core/runtime/kernels/parallel.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace rk = binvit::runtime::kernels;

namespace {

struct Shape {
  const char* name;
  std::size_t m, n, k;
};

// PERFORMANCE.md's shapes (197 tokens), plus an L1-resident one for the micro-kernel goal.
const Shape kShapes[] = {
    {"vits_qkv", 197, 1152, 384}, {"vits_fc2", 197, 384, 1536}, {"vitb_qkv", 197, 2304, 768},
    {"vitb_fc2", 197, 768, 3072}, {"l1_k2048", 48, 64, 2048},
};
constexpr std::size_t kTokens = 197, kHeads = 6, kHeadDim = 64;

double nominal_hz() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("cpu MHz", 0) == 0) return std::stod(line.substr(line.find(':') + 1)) * 1e6;
  }
  return 0.0;
}

std::vector<float> random_floats(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(count);
  for (float& v : x) v = normal(rng);
  return x;
}

std::vector<std::uint64_t> packed_signs(const std::vector<float>& x, std::size_t rows,
                                        std::size_t k, float threshold = 0.0f) {
  const std::size_t words = rk::words_for_bits(k);
  std::vector<std::uint64_t> out(rows * words);
  rk::pack_rows(rk::reference_kernels(), x.data(), rows, k, k, threshold, out.data(), words);
  return out;
}

void set_threads(int threads) {
  rk::set_num_threads(threads);
  torch::set_num_threads(threads);
}

void mac_counter(benchmark::State& state, double macs) {
  static const double hz = nominal_hz();
  if (hz > 0) {
    state.counters["bMAC/cycle"] =
        benchmark::Counter(macs / hz, benchmark::Counter::kIsIterationInvariantRate);
  }
}

// The packed binary GEMM alone: bits in, int32 counts out.
void binary_gemm(benchmark::State& state, Shape s, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  const auto a = packed_signs(random_floats(s.m * s.k, 1), s.m, s.k);
  const auto b = packed_signs(random_floats(s.n * s.k, 2), s.n, s.k);
  const std::size_t words = rk::words_for_bits(s.k);
  std::vector<std::int32_t> c(s.m * s.n);
  for (auto _ : state) {
    rk::bgemm(table, s.m, s.n, s.k, a.data(), words, b.data(), words, c.data(), s.n);
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  mac_counter(state, double(s.m) * s.n * s.k);
}

// A whole binary linear layer as the engine runs it: pack the float activations, the GEMM, the
// per-column scale and bias epilogue (weights packed offline).
void binary_linear(benchmark::State& state, Shape s, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  const auto x = random_floats(s.m * s.k, 1);
  const auto b = packed_signs(random_floats(s.n * s.k, 2), s.n, s.k);
  const std::size_t words = rk::words_for_bits(s.k);
  std::vector<std::uint64_t> a(s.m * words);
  std::vector<std::int32_t> c(s.m * s.n);
  std::vector<float> scale(s.n, 0.01f), bias(s.n, 0.5f), out(s.m * s.n);
  for (auto _ : state) {
    rk::pack_rows(table, x.data(), s.m, s.k, s.k, 0.0f, a.data(), words);
    rk::bgemm(table, s.m, s.n, s.k, a.data(), words, b.data(), words, c.data(), s.n);
    table.scale_bias(s.m, s.n, c.data(), s.n, scale.data(), bias.data(), out.data(), s.n);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  mac_counter(state, double(s.m) * s.n * s.k);
}

// The float baseline: x (m x k) times W^T (W is n x k, as a linear layer), into a preallocated
// output so that allocation is not measured.
void float_gemm(benchmark::State& state, Shape s, int threads) {
  set_threads(threads);
  torch::NoGradGuard no_grad;
  const auto x = torch::randn({int64_t(s.m), int64_t(s.k)});
  const auto w = torch::randn({int64_t(s.n), int64_t(s.k)});
  auto out = torch::empty({int64_t(s.m), int64_t(s.n)});
  for (auto _ : state) {
    torch::mm_out(out, x, w.t());
    benchmark::DoNotOptimize(out.data_ptr<float>());
    benchmark::ClobberMemory();
  }
}

// int8 x int8 -> int32 at the ViT-S patch embedding (196 patches, 16 x 16 x 3 -> 384); its
// float baseline is float_gemm at the same shape.
const Shape kPatchEmbedding{"patch_s", 196, 384, 768};

void int8_gemm(benchmark::State& state, Shape s, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  std::mt19937_64 rng(9);
  std::vector<std::int8_t> a(s.m * s.k), b(s.n * s.k);
  for (auto& v : a) v = static_cast<std::int8_t>(rng() % 256 - 128);
  for (auto& v : b) v = static_cast<std::int8_t>(rng() % 256 - 128);
  std::vector<std::int32_t> c(s.m * s.n);
  for (auto _ : state) {
    rk::igemm(table, s.m, s.n, s.k, a.data(), s.k, b.data(), s.k, c.data(), s.n);
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
}

// Q.K^T with d = 64, 197 tokens, 6 heads: one word per token.
void binary_qk(benchmark::State& state, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  const auto q =
      packed_signs(random_floats(kHeads * kTokens * kHeadDim, 3), kHeads * kTokens, kHeadDim);
  const auto k =
      packed_signs(random_floats(kHeads * kTokens * kHeadDim, 4), kHeads * kTokens, kHeadDim);
  std::vector<std::int32_t> c(kHeads * kTokens * kTokens);
  for (auto _ : state) {
    for (std::size_t h = 0; h < kHeads; ++h) {
      rk::qk_scores(table, kTokens, kTokens, kHeadDim, q.data() + h * kTokens, 1,
                    k.data() + h * kTokens, 1, c.data() + h * kTokens * kTokens, kTokens);
    }
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  mac_counter(state, double(kHeads) * kTokens * kTokens * kHeadDim);
}

void float_qk(benchmark::State& state, int threads) {
  set_threads(threads);
  torch::NoGradGuard no_grad;
  const auto q = torch::randn({int64_t(kHeads), int64_t(kTokens), int64_t(kHeadDim)});
  const auto k = torch::randn({int64_t(kHeads), int64_t(kTokens), int64_t(kHeadDim)});
  auto out = torch::empty({int64_t(kHeads), int64_t(kTokens), int64_t(kTokens)});
  for (auto _ : state) {
    torch::bmm_out(out, q, k.transpose(1, 2));
    benchmark::DoNotOptimize(out.data_ptr<float>());
    benchmark::ClobberMemory();
  }
}

// GSB attention operands of one image, 6 heads, as the quantizers of ALGORITHMS.md 2.3 make
// them: A = softmax of random logits (std 2), B1 = 1{A >= a1 / 2} with a1 = 4 mean(A), B2/B3 =
// 1{A > 0.7 / 0.9 max} per row (scope `row`, the densest practical scope); V ~ N(0, 1) with
// groups beyond 0.7 / 0.9 of the max / min of the head.
struct GsbOperands {
  std::size_t words = rk::words_for_bits(kTokens);
  std::vector<std::uint64_t> maps;    // [head][map][query][word]
  std::vector<std::uint64_t> planes;  // [head][plane: sign, group2, group3][channel][word]
  std::vector<std::int8_t> values;    // [head][key][component][channel]
  std::vector<float> scale = std::vector<float>(9, 0.02f);
  double density[3] = {0, 0, 0};

  GsbOperands() {
    std::mt19937_64 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    maps.assign(kHeads * 3 * kTokens * words, 0);
    planes.assign(kHeads * 3 * kHeadDim * words, 0);
    values.assign(kHeads * kTokens * 3 * kHeadDim, 0);
    for (std::size_t h = 0; h < kHeads; ++h) {
      for (std::size_t q = 0; q < kTokens; ++q) {
        std::vector<float> row(kTokens);
        float top = -1e30f, sum = 0.0f;
        for (float& x : row) top = std::max(top, x = 2.0f * normal(rng));
        for (float& x : row) sum += (x = std::exp(x - top));
        float peak = 0.0f;
        for (float& x : row) peak = std::max(peak, x /= sum);
        const float level[3] = {0.5f * 4.0f / kTokens, 0.7f * peak, 0.9f * peak};
        for (std::size_t i = 0; i < 3; ++i) {
          std::uint64_t* bits = maps.data() + ((h * 3 + i) * kTokens + q) * words;
          for (std::size_t k = 0; k < kTokens; ++k) {
            const bool on = i == 0 ? row[k] >= level[0] : row[k] > level[i];
            if (on) bits[k / 64] |= std::uint64_t{1} << (k % 64);
            density[i] += on;
          }
        }
      }
      std::vector<float> v(kTokens * kHeadDim);
      for (float& x : v) x = normal(rng);
      const float hi = *std::max_element(v.begin(), v.end());
      const float lo = *std::min_element(v.begin(), v.end());
      for (std::size_t k = 0; k < kTokens; ++k) {
        for (std::size_t c = 0; c < kHeadDim; ++c) {
          const float x = v[k * kHeadDim + c];
          const int sign = x >= 0.0f ? 1 : -1;
          const bool g2 = x > 0.7f * hi || x<0.7f * lo, g3 = x> 0.9f * hi || x < 0.9f * lo;
          std::int8_t* value = values.data() + (h * kTokens + k) * 3 * kHeadDim;
          value[c] = static_cast<std::int8_t>(sign);
          value[kHeadDim + c] = static_cast<std::int8_t>(g2 ? sign : 0);
          value[2 * kHeadDim + c] = static_cast<std::int8_t>(g3 ? sign : 0);
          const bool plane_bits[3] = {sign > 0, g2, g3};
          for (std::size_t j = 0; j < 3; ++j) {
            if (plane_bits[j]) {
              planes[((h * 3 + j) * kHeadDim + c) * words + k / 64] |= std::uint64_t{1} << (k % 64);
            }
          }
        }
      }
    }
    for (double& d : density) d /= double(kHeads) * kTokens * kTokens;
  }
};

const GsbOperands& gsb_operands() {
  static const GsbOperands operands;
  return operands;
}

// GSB's A_q.V_q with the sparse kernel: all nine products and their scaled sum per head.
void binary_gsb_av(benchmark::State& state, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  const GsbOperands& g = gsb_operands();
  std::vector<float> out(kHeads * kTokens * kHeadDim);
  for (auto _ : state) {
    for (std::size_t h = 0; h < kHeads; ++h) {
      rk::AttentionValues p;
      p.m = kTokens;
      p.n_keys = kTokens;
      p.d = kHeadDim;
      p.maps = 3;
      p.comps = 3;
      p.a = g.maps.data() + h * 3 * kTokens * g.words;
      p.lda = g.words;
      p.map_stride = kTokens * g.words;
      p.v = g.values.data() + h * kTokens * 3 * kHeadDim;
      p.ldv = 3 * kHeadDim;
      p.scale = g.scale.data();
      p.out = out.data() + h * kTokens * kHeadDim;
      p.ldo = kHeadDim;
      rk::attention_values(table, p);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}

// The same nine products as dense popcount GEMMs (3 bmm01 + 6 tgemm on V transposed, plus the
// accumulate epilogues): what the sparse kernel replaces.
void binary_gsb_av_dense(benchmark::State& state, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  const GsbOperands& g = gsb_operands();
  std::vector<std::int32_t> c(kTokens * kHeadDim);
  std::vector<float> scale(kHeadDim, 0.02f), out(kHeads * kTokens * kHeadDim);
  const std::size_t w = g.words;
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), 0.0f);
    for (std::size_t h = 0; h < kHeads; ++h) {
      float* o = out.data() + h * kTokens * kHeadDim;
      const std::uint64_t* sign = g.planes.data() + (h * 3) * kHeadDim * w;
      for (std::size_t i = 0; i < 3; ++i) {
        const std::uint64_t* b = g.maps.data() + (h * 3 + i) * kTokens * w;
        rk::bmm01(table, kTokens, kHeadDim, kTokens, b, w, sign, w, c.data(), kHeadDim);
        table.scale_accumulate(kTokens, kHeadDim, c.data(), kHeadDim, scale.data(), o, kHeadDim);
        for (std::size_t j = 1; j < 3; ++j) {
          const std::uint64_t* group = g.planes.data() + (h * 3 + j) * kHeadDim * w;
          rk::tgemm(table, kTokens, kHeadDim, kTokens, b, w, sign, group, w, c.data(), kHeadDim);
          table.scale_accumulate(kTokens, kHeadDim, c.data(), kHeadDim, scale.data(), o, kHeadDim);
        }
      }
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}

void float_av(benchmark::State& state, int threads) {
  set_threads(threads);
  torch::NoGradGuard no_grad;
  const auto a = torch::rand({int64_t(kHeads), int64_t(kTokens), int64_t(kTokens)});
  const auto v = torch::randn({int64_t(kHeads), int64_t(kTokens), int64_t(kHeadDim)});
  auto out = torch::empty({int64_t(kHeads), int64_t(kTokens), int64_t(kHeadDim)});
  for (auto _ : state) {
    torch::bmm_out(out, a, v);
    benchmark::DoNotOptimize(out.data_ptr<float>());
    benchmark::ClobberMemory();
  }
}

// BHViT's convolutions at 224 px, batch 1: MSGDC's 3x3 groups-4 "same" convolutions (dilation 1,
// 3, 5) and the 2x2 stride-2 downsampling C -> 2C.
struct ConvBench {
  const char* name;
  std::size_t size, in, out, groups, kernel, stride, dilation;
  rk::ConvShape shape() const {
    rk::ConvShape s;
    s.height = s.width = size;
    s.in_channels = in;
    s.out_channels = out;
    s.groups = groups;
    s.kernel_height = s.kernel_width = kernel;
    s.stride = stride;
    s.dilation = dilation;
    s.padding = kernel == 3 ? dilation : 0;
    return s;
  }
};

const ConvBench kConvs[] = {
    {"c56x64_d1", 56, 64, 64, 4, 3, 1, 1},    {"c56x64_d3", 56, 64, 64, 4, 3, 1, 3},
    {"c56x64_d5", 56, 64, 64, 4, 3, 1, 5},    {"c28x128_d1", 28, 128, 128, 4, 3, 1, 1},
    {"c28x128_d3", 28, 128, 128, 4, 3, 1, 3}, {"c28x128_d5", 28, 128, 128, 4, 3, 1, 5},
    {"down56x64", 56, 64, 128, 1, 2, 2, 1},   {"down28x128", 28, 128, 256, 1, 2, 2, 1},
};

double conv_macs(const ConvBench& c) {
  const rk::ConvShape s = c.shape();
  return double(s.out_pixels()) * s.out_channels * s.weight_bits();
}

// Packing the float NHWC activations + the binary convolution (weights packed offline).
void binary_conv(benchmark::State& state, ConvBench c, int threads) {
  set_threads(threads);
  const rk::KernelTable& table = rk::active_kernels();
  const rk::ConvShape s = c.shape();
  const auto x = random_floats(s.height * s.width * s.in_channels, 1);
  const auto w = random_floats(s.out_channels * s.in_per_group() * s.taps(), 2);
  const rk::PackedConvWeights weights = rk::pack_conv_weights(s, w.data());
  std::vector<std::uint64_t> packed(s.packed_input_words());
  std::vector<std::int32_t> out(s.out_pixels() * s.out_channels);
  rk::BinaryConv problem;
  problem.weights = &weights;
  problem.input = packed.data();
  problem.out = out.data();
  problem.ldo = s.out_channels;
  for (auto _ : state) {
    rk::pack_conv_input(table, s, x.data(), packed.data());
    rk::binary_conv(table, problem);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  mac_counter(state, conv_macs(c));
}

// The float baseline: torch::conv2d of the same shape (NCHW, LibTorch's own layout).
void float_conv(benchmark::State& state, ConvBench c, int threads) {
  set_threads(threads);
  torch::NoGradGuard no_grad;
  const auto x = torch::randn({1, int64_t(c.in), int64_t(c.size), int64_t(c.size)});
  const auto w = torch::randn(
      {int64_t(c.out), int64_t(c.in / c.groups), int64_t(c.kernel), int64_t(c.kernel)});
  const int64_t padding = c.kernel == 3 ? int64_t(c.dilation) : 0;
  for (auto _ : state) {
    auto out =
        torch::conv2d(x, w, {}, int64_t(c.stride), padding, int64_t(c.dilation), int64_t(c.groups));
    benchmark::DoNotOptimize(out.data_ptr<float>());
    benchmark::ClobberMemory();
  }
}

// Collects every repetition's time per benchmark so the summary can use medians.
class MedianCollector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& reports) override {
    ConsoleReporter::ReportRuns(reports);
    for (const Run& run : reports) {
      // With --benchmark_report_aggregates_only only the aggregates arrive: keep the median.
      const bool median_run = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if ((run.run_type != Run::RT_Iteration && !median_run) || run.error_occurred) continue;
      times_[run.run_name.function_name].push_back(run.GetAdjustedRealTime() *
                                                   unit_to_seconds(run.time_unit));
    }
  }
  // Median in seconds, or 0 when the benchmark did not run (filtered out).
  double median(const std::string& name) const {
    const auto it = times_.find(name);
    if (it == times_.end() || it->second.empty()) return 0.0;
    std::vector<double> t = it->second;
    std::sort(t.begin(), t.end());
    const std::size_t n = t.size();
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
  }
  // Fastest repetition: on a shared machine the closest to an undisturbed run.
  double best(const std::string& name) const {
    const auto it = times_.find(name);
    if (it == times_.end() || it->second.empty()) return 0.0;
    return *std::min_element(it->second.begin(), it->second.end());
  }
  std::size_t samples(const std::string& name) const {
    const auto it = times_.find(name);
    return it == times_.end() ? 0 : it->second.size();
  }

 private:
  static double unit_to_seconds(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return 1e-9;
      case benchmark::kMicrosecond:
        return 1e-6;
      case benchmark::kMillisecond:
        return 1e-3;
      case benchmark::kSecond:
        return 1.0;
    }
    return 1.0;
  }
  std::map<std::string, std::vector<double>> times_;
};

std::string name(const std::string& what, const std::string& shape, int threads) {
  return what + "/" + shape + "/t" + std::to_string(threads);
}

void register_all() {
  for (int threads : {1, 2}) {
    for (const Shape& s : kShapes) {
      benchmark::RegisterBenchmark(name("binary_gemm", s.name, threads).c_str(), binary_gemm, s,
                                   threads)
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(name("binary_linear", s.name, threads).c_str(), binary_linear, s,
                                   threads)
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(name("float_gemm", s.name, threads).c_str(), float_gemm, s,
                                   threads)
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
    }
    benchmark::RegisterBenchmark(name("int8_gemm", kPatchEmbedding.name, threads).c_str(),
                                 int8_gemm, kPatchEmbedding, threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name("float_gemm", kPatchEmbedding.name, threads).c_str(),
                                 float_gemm, kPatchEmbedding, threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name("binary_qk", "d64_h6", threads).c_str(), binary_qk, threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name("float_qk", "d64_h6", threads).c_str(), float_qk, threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name("binary_gsb_av", "d64_h6", threads).c_str(), binary_gsb_av,
                                 threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name("binary_gsb_av_dense", "d64_h6", threads).c_str(),
                                 binary_gsb_av_dense, threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name("float_av", "d64_h6", threads).c_str(), float_av, threads)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    for (const ConvBench& c : kConvs) {
      benchmark::RegisterBenchmark(name("binary_conv", c.name, threads).c_str(), binary_conv, c,
                                   threads)
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(name("float_conv", c.name, threads).c_str(), float_conv, c,
                                   threads)
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

std::string blas_library() {
  std::error_code error;
  const auto path = std::filesystem::canonical("/usr/lib/x86_64-linux-gnu/libblas.so.3", error);
  return error ? std::string("(libblas.so.3 not found)") : path.string();
}

void print_summary(const MedianCollector& r) {
  const double hz = nominal_hz();
  const auto& f = binvit::runtime::cpu_features();
  std::printf("\n== BinViT kernel summary (medians of repetitions) ==\n");
  std::printf("CPU: %s [%s], nominal clock %.0f MHz (/proc/cpuinfo, used for cycles)\n",
              f.brand.c_str(), binvit::runtime::describe_cpu_features(f).c_str(), hz / 1e6);
  std::printf("binary kernels: %s%s; float baseline: LibTorch %s torch::mm/bmm, BLAS %s\n",
              rk::active_kernels().name, rk::reference_forced() ? " (forced reference)" : "",
              TORCH_VERSION, blas_library().c_str());
  std::printf("build: %s\n\n", BINVIT_BUILD_FLAGS);
  std::printf("%-10s %3s | %10s %10s %7s | %10s %7s | %9s %8s | %s\n", "shape", "thr", "float ms",
              "binary ms", "ratio", "layer ms", "ratio", "bMAC/cyc", "per core", "reps");
  for (int threads : {1, 2}) {
    for (const Shape& s : kShapes) {
      const double fl = r.median(name("float_gemm", s.name, threads));
      const double bin = r.median(name("binary_gemm", s.name, threads));
      const double layer = r.median(name("binary_linear", s.name, threads));
      if (fl == 0 || bin == 0) continue;
      const double macs_per_cycle = double(s.m) * s.n * s.k / bin / hz;
      std::printf("%-10s %3d | %10.4f %10.4f %6.2fx | %10.4f %6.2fx | %9.1f %8.1f | %zu\n", s.name,
                  threads, fl * 1e3, bin * 1e3, fl / bin, layer * 1e3, layer ? fl / layer : 0.0,
                  macs_per_cycle, macs_per_cycle / threads,
                  r.samples(name("binary_gemm", s.name, threads)));
    }
    const double fi = r.median(name("float_gemm", kPatchEmbedding.name, threads));
    const double bi = r.median(name("int8_gemm", kPatchEmbedding.name, threads));
    if (fi > 0 && bi > 0) {
      std::printf("%-10s %3d | %10.4f %10.4f %6.2fx | %10s %7s | %9s %8s | %zu  (int8)\n",
                  "int8_patch", threads, fi * 1e3, bi * 1e3, fi / bi, "-", "-", "-", "-",
                  r.samples(name("int8_gemm", kPatchEmbedding.name, threads)));
    }
    const double fq = r.median(name("float_qk", "d64_h6", threads));
    const double bq = r.median(name("binary_qk", "d64_h6", threads));
    if (fq > 0 && bq > 0) {
      const double mpc = double(kHeads) * kTokens * kTokens * kHeadDim / bq / hz;
      std::printf("%-10s %3d | %10.4f %10.4f %6.2fx | %10s %7s | %9.1f %8.1f | %zu\n", "qk_d64_h6",
                  threads, fq * 1e3, bq * 1e3, fq / bq, "-", "-", mpc, mpc / threads,
                  r.samples(name("binary_qk", "d64_h6", threads)));
    }
    const double fa = r.median(name("float_av", "d64_h6", threads));
    for (const char* what : {"binary_gsb_av", "binary_gsb_av_dense"}) {
      const double ba = r.median(name(what, "d64_h6", threads));
      if (fa > 0 && ba > 0) {
        std::printf("%-10s %3d | %10.4f %10.4f %6.2fx | %10s %7s | %9s %8s | %zu\n",
                    std::string(what).find("dense") != std::string::npos ? "gsb_av_dns" : "gsb_av",
                    threads, fa * 1e3, ba * 1e3, fa / ba, "-", "-", "-", "-",
                    r.samples(name(what, "d64_h6", threads)));
      }
    }
  }
  std::printf("\nBHViT convolutions, batch 1 (binary = packing the float NHWC input + conv):\n");
  std::printf("%-11s %3s | %10s %10s %7s | %9s\n", "conv", "thr", "float ms", "binary ms", "ratio",
              "bMAC/cyc");
  for (int threads : {1, 2}) {
    for (const ConvBench& c : kConvs) {
      const double fc = r.median(name("float_conv", c.name, threads));
      const double bc = r.median(name("binary_conv", c.name, threads));
      if (fc == 0 || bc == 0) continue;
      std::printf("%-11s %3d | %10.4f %10.4f %6.2fx | %9.1f\n", c.name, threads, fc * 1e3, bc * 1e3,
                  fc / bc, conv_macs(c) / bc / hz);
    }
  }
  const GsbOperands& g = gsb_operands();
  std::printf("GSB map densities (B1, B2, B3): %.3f %.3f %.3f\n", g.density[0], g.density[1],
              g.density[2]);
  std::printf("\n2 threads vs 1 thread (time ratio of medians; of the fastest repetitions):\n");
  for (const Shape& s : kShapes) {
    const double b1 = r.median(name("binary_gemm", s.name, 1));
    const double b2 = r.median(name("binary_gemm", s.name, 2));
    const double f1 = r.median(name("float_gemm", s.name, 1));
    const double f2 = r.median(name("float_gemm", s.name, 2));
    if (b1 > 0 && b2 > 0) {
      const std::string n1 = name("binary_gemm", s.name, 1), n2 = name("binary_gemm", s.name, 2);
      const std::string g1 = name("float_gemm", s.name, 1), g2 = name("float_gemm", s.name, 2);
      std::printf("  %-10s binary %.2fx (best %.2fx)   float %.2fx (best %.2fx)\n", s.name, b1 / b2,
                  r.best(n1) / r.best(n2), f2 > 0 ? f1 / f2 : 0.0,
                  r.best(g2) > 0 ? r.best(g1) / r.best(g2) : 0.0);
    }
  }
  std::printf(
      "ratio = float time / binary time at the same thread count; 'layer' = packing the\n"
      "float activations + binary GEMM + scale/bias epilogue. gsb_av = the nine products\n"
      "and their scaled sum with the sparse attention_values kernel, gsb_av_dns = the\n"
      "same as 3 bmm01 + 6 tgemm + 9 epilogues; both vs float A.V (bmm), packing of A\n"
      "and V not included.\n");
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_all();
  MedianCollector reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_summary(reporter);
  benchmark::Shutdown();
  return 0;
}
