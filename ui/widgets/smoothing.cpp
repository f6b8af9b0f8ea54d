#include "ui/widgets/smoothing.h"

#include <cmath>

namespace binvit::ui {

std::vector<double> debiased_moving_average(const std::vector<double>& values, double weight) {
  std::vector<double> smoothed;
  smoothed.reserve(values.size());
  double average = 0.0;
  double debias = 1.0;  // weight^(n) after n finite values
  for (const double value : values) {
    if (!std::isfinite(value)) {
      smoothed.push_back(value);
      continue;
    }
    average = average * weight + (1.0 - weight) * value;
    debias *= weight;
    // 1 - weight^n is 0 only when weight is 1, where no value ever enters the average.
    smoothed.push_back(debias < 1.0 ? average / (1.0 - debias) : value);
  }
  return smoothed;
}

}  // namespace binvit::ui
