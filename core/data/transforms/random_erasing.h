#pragma once
// timm's RandomErasing, applied after Normalize: with probability p, one rectangle of area
// fraction uniform in `scale` and log-uniform aspect ratio in `ratio` (10 tries) is replaced by
// N(0, 1) noise per pixel ("pixel"), one N(0, 1) colour ("rand") or zeros ("const"). On 8-bit
// images the noise is uniform 0..255 instead.

#include "core/data/transforms/transform.h"

namespace binvit::data {

enum class EraseMode { kPixel, kRand, kConst };

class RandomErasing : public Transform {
 public:
  explicit RandomErasing(double probability = 0.25, EraseMode mode = EraseMode::kPixel,
                         std::pair<double, double> scale = {0.02, 1.0 / 3.0},
                         std::pair<double, double> ratio = {0.3, 1.0 / 0.3});
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

 private:
  void fill(cv::Mat region, Rng& rng) const;

  double probability_;
  EraseMode mode_;
  std::pair<double, double> scale_;
  std::pair<double, double> ratio_;
};

}  // namespace binvit::data
