#pragma once
// The geometric transforms: resize, center crop, random crop with padding, RandomResizedCrop and
// horizontal flip, with torchvision's conventions (sizes, rounding, crop sampling).

#include "core/data/transforms/transform.h"

#include <opencv2/imgproc.hpp>

namespace binvit::data {

// Resize(n): the shorter side becomes n, the other keeps the aspect ratio (truncated, as
// torchvision). Resize(Size): exactly that size.
class Resize : public Transform {
 public:
  explicit Resize(int shorter_side, int interpolation = cv::INTER_CUBIC);
  explicit Resize(cv::Size size, int interpolation = cv::INTER_CUBIC);
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

 private:
  int shorter_side_ = 0;
  cv::Size size_;
  int interpolation_;
};

// The central size x size region; images smaller than that are padded with zeros first.
class CenterCrop : public Transform {
 public:
  explicit CenterCrop(int size) : size_(size) {}
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

 private:
  int size_;
};

// Pads every side by `padding` zeros, then takes a size x size crop at a random place (DeiT's
// training crop for inputs of 32 px or less).
class RandomCrop : public Transform {
 public:
  RandomCrop(int size, int padding) : size_(size), padding_(padding) {}
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

 private:
  int size_;
  int padding_;
};

// torchvision's RandomResizedCrop: a crop whose area is a random fraction in `scale` of the image
// and whose aspect ratio is log-uniform in `ratio` (10 tries, then a central crop with the ratio
// clamped), resized to size x size.
class RandomResizedCrop : public Transform {
 public:
  RandomResizedCrop(int size, std::pair<double, double> scale = {0.08, 1.0},
                    std::pair<double, double> ratio = {3.0 / 4.0, 4.0 / 3.0},
                    int interpolation = cv::INTER_CUBIC);
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;
  // The crop rectangle chosen for an image of `image_size` (exposed for tests).
  cv::Rect sample_crop(cv::Size image_size, Rng& rng) const;

 private:
  int size_;
  std::pair<double, double> scale_;
  std::pair<double, double> ratio_;
  int interpolation_;
};

// Mirrors left-right with probability p.
class HorizontalFlip : public Transform {
 public:
  explicit HorizontalFlip(double p = 0.5) : p_(p) {}
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;

 private:
  double p_;
};

// Pads (zeros) so the image is at least `size` on both sides: a crop of `size` then always fits.
cv::Mat pad_to_at_least(const cv::Mat& image, cv::Size size, const cv::Scalar& value);

std::string interpolation_name(int interpolation);

}  // namespace binvit::data
