#pragma once
// RandAugment as timm's "rand-m9-mstd0.5-inc1" (the DeiT / GSB recipe): n operations drawn with
// replacement from the increasing-severity list, each applied with probability 0.5 at magnitude
// m + N(0, mstd) clipped to [0, 10]; geometric operations fill with the dataset mean colour and
// use bilinear or bicubic interpolation at random.

#include "core/data/transforms/transform.h"

#include <string>
#include <vector>

namespace binvit::data {

struct RandAugmentOptions {
  int num_ops = 2;           // n
  double magnitude = 9.0;    // m, 0..10
  double magnitude_std = 0.5;
  double probability = 0.5;  // of each drawn operation
  cv::Scalar fill = cv::Scalar(124, 116, 104);  // timm: the ImageNet mean as 8-bit colour
};

class RandAugment : public Transform {
 public:
  explicit RandAugment(RandAugmentOptions options = {}) : options_(options) {}
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

  // The operation names in timm's order.
  static const std::vector<std::string>& operation_names();
  // Applies one named operation at a magnitude (0..10); `rng` decides the sign and interpolation.
  cv::Mat apply_operation(const std::string& name, const cv::Mat& image, double magnitude,
                          Rng& rng) const;

 private:
  RandAugmentOptions options_;
};

}  // namespace binvit::data
