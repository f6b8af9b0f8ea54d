#pragma once
// TensorBoard's curve smoothing: an exponential moving average debiased for its start, so the
// first points are not pulled towards zero. weight 0 returns the values, weight close to 1 a
// nearly flat line. Non-finite values are passed through without entering the average.

#include <vector>

namespace binvit::ui {

std::vector<double> debiased_moving_average(const std::vector<double>& values, double weight);

}  // namespace binvit::ui
