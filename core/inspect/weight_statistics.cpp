#include "core/inspect/weight_statistics.h"

#include "core/inspect/binary_layers.h"
#include "core/train/checkpoint.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace binvit::inspect {

WeightHistogram histogram(const std::vector<float>& values, const WeightHistogramOptions& options) {
  if (options.bins < 1) {
    throw std::invalid_argument("histogram: bins must be >= 1, got " +
                                std::to_string(options.bins));
  }
  WeightHistogram h;
  double sum = 0, sum_squares = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const float v : values) {
    sum += v;
    sum_squares += static_cast<double>(v) * v;
    lo = std::min<double>(lo, v);
    hi = std::max<double>(hi, v);
  }
  if (!values.empty()) {
    const auto n = static_cast<double>(values.size());
    h.mean = sum / n;
    h.stddev = std::sqrt(std::max(0.0, sum_squares / n - h.mean * h.mean));
  }
  const bool automatic = std::isnan(options.lo) && std::isnan(options.hi);
  if (automatic) {
    if (values.empty()) lo = hi = 0;
    // A constant layer still gets a range one bin can hold.
    if (hi <= lo) hi = lo + 1;
  } else {
    lo = options.lo;
    hi = options.hi;
    if (!(hi > lo)) {
      throw std::invalid_argument("histogram: the range [" + std::to_string(lo) + ", " +
                                  std::to_string(hi) + "] is empty");
    }
  }
  h.lo = lo;
  h.hi = hi;
  h.counts.assign(static_cast<size_t>(options.bins), 0);
  const double scale = options.bins / (hi - lo);
  for (const float v : values) {
    if (v < lo) {
      ++h.below;
    } else if (v > hi) {
      ++h.above;
    } else {
      const auto bin =
          std::min<long long>(static_cast<long long>((v - lo) * scale), options.bins - 1);
      ++h.counts[static_cast<size_t>(bin)];
    }
  }
  return h;
}

SignFlipReport sign_flip_rate(const std::filesystem::path& before,
                              const std::filesystem::path& after) {
  const train::Checkpoint a = train::load_checkpoint(before);
  const train::Checkpoint b = train::load_checkpoint(after);
  return sign_flips(*a.model, *b.model);
}

}  // namespace binvit::inspect
