#pragma once
// Colour transforms: torchvision's ColorJitter, grey to three channels, and normalization.

#include "core/data/transforms/transform.h"

namespace binvit::data {

// Brightness, contrast and saturation factors uniform in [max(0, 1 - x), 1 + x], hue shift
// uniform in [-hue, hue] (hue <= 0.5), applied in a random order (torchvision's ColorJitter).
class ColorJitter : public Transform {
 public:
  ColorJitter(double brightness, double contrast, double saturation, double hue = 0.0);
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

 private:
  double brightness_, contrast_, saturation_, hue_;
};

// One channel becomes three equal RGB channels; three-channel images pass unchanged (pretrained
// RGB models on grey datasets).
class GrayscaleToRgb : public Transform {
 public:
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override { return "GrayscaleToRgb"; }
};

// 8-bit images are scaled to 0..1 (float images are taken as 0..1 already), then each channel c
// becomes (x - mean[c]) / std[c] (a single mean/std serves every channel). The result is CV_32F
// with the input's channels. Throws std::invalid_argument when the image's channel count differs
// from a mean of more than one value.
class Normalize : public Transform {
 public:
  Normalize(std::vector<double> mean, std::vector<double> std);
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;
  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& std() const { return std_; }

 private:
  std::vector<double> mean_, std_;
};

}  // namespace binvit::data
