#pragma once
// The learning-rate schedule of the recipes, per optimizer step: linear warmup from 0, then a
// half cosine from the base rate down to the minimum (ALGORITHMS.md 2.5).

#include <cstdint>

namespace binvit::train {

struct CosineSchedule {
  double base_lr = 1e-3;
  double min_lr = 1e-6;
  int64_t warmup_steps = 0;
  int64_t total_steps = 1;

  // The rate for step `step` (0-based); after total_steps it stays at min_lr.
  double at(int64_t step) const;
};

}  // namespace binvit::train
