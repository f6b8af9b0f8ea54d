#include "core/data/transforms/geometry.h"

#include <algorithm>
#include <cmath>

namespace binvit::data {

std::string interpolation_name(int interpolation) {
  switch (interpolation) {
    case cv::INTER_NEAREST: return "nearest";
    case cv::INTER_LINEAR: return "bilinear";
    case cv::INTER_CUBIC: return "bicubic";
    case cv::INTER_AREA: return "area";
    default: return std::to_string(interpolation);
  }
}

cv::Mat pad_to_at_least(const cv::Mat& image, cv::Size size, const cv::Scalar& value) {
  const int pad_x = std::max(0, size.width - image.cols);
  const int pad_y = std::max(0, size.height - image.rows);
  if (pad_x == 0 && pad_y == 0) return image;
  cv::Mat padded;
  cv::copyMakeBorder(image, padded, pad_y / 2, pad_y - pad_y / 2, pad_x / 2, pad_x - pad_x / 2,
                     cv::BORDER_CONSTANT, value);
  return padded;
}

Resize::Resize(int shorter_side, int interpolation)
    : shorter_side_(shorter_side), interpolation_(interpolation) {}

Resize::Resize(cv::Size size, int interpolation) : size_(size), interpolation_(interpolation) {}

cv::Mat Resize::apply(const cv::Mat& image, Rng&) const {
  cv::Size target = size_;
  if (shorter_side_ > 0) {
    const bool wide = image.cols >= image.rows;
    const int shorter = wide ? image.rows : image.cols;
    const int longer = wide ? image.cols : image.rows;
    const int scaled = static_cast<int>(static_cast<int64_t>(shorter_side_) * longer / shorter);
    target = wide ? cv::Size(scaled, shorter_side_) : cv::Size(shorter_side_, scaled);
  }
  if (target == image.size()) return image.clone();
  cv::Mat resized;
  cv::resize(image, resized, target, 0, 0, interpolation_);
  return resized;
}

std::string Resize::describe() const {
  const std::string size = shorter_side_ > 0 ? std::to_string(shorter_side_)
                                             : std::to_string(size_.width) + "x" + std::to_string(size_.height);
  return "Resize(" + size + ", " + interpolation_name(interpolation_) + ")";
}

cv::Mat CenterCrop::apply(const cv::Mat& image, Rng&) const {
  const cv::Mat padded = pad_to_at_least(image, {size_, size_}, cv::Scalar::all(0));
  // torchvision rounds the offset half to even via round(); (h - size) / 2 with .5 rounds up here,
  // which differs only for odd margins by one pixel.
  const int top = static_cast<int>(std::lround((padded.rows - size_) / 2.0));
  const int left = static_cast<int>(std::lround((padded.cols - size_) / 2.0));
  return padded(cv::Rect(left, top, size_, size_)).clone();
}

std::string CenterCrop::describe() const { return "CenterCrop(" + std::to_string(size_) + ")"; }

cv::Mat RandomCrop::apply(const cv::Mat& image, Rng& rng) const {
  cv::Mat padded;
  cv::copyMakeBorder(image, padded, padding_, padding_, padding_, padding_, cv::BORDER_CONSTANT,
                     cv::Scalar::all(0));
  padded = pad_to_at_least(padded, {size_, size_}, cv::Scalar::all(0));
  const int top = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(padded.rows - size_ + 1)));
  const int left = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(padded.cols - size_ + 1)));
  return padded(cv::Rect(left, top, size_, size_)).clone();
}

std::string RandomCrop::describe() const {
  return "RandomCrop(" + std::to_string(size_) + ", padding " + std::to_string(padding_) + ")";
}

RandomResizedCrop::RandomResizedCrop(int size, std::pair<double, double> scale,
                                     std::pair<double, double> ratio, int interpolation)
    : size_(size), scale_(scale), ratio_(ratio), interpolation_(interpolation) {}

cv::Rect RandomResizedCrop::sample_crop(cv::Size image_size, Rng& rng) const {
  const double area = static_cast<double>(image_size.area());
  const double log_lo = std::log(ratio_.first);
  const double log_hi = std::log(ratio_.second);
  for (int attempt = 0; attempt < 10; ++attempt) {
    const double target = area * uniform(rng, scale_.first, scale_.second);
    const double aspect = std::exp(uniform(rng, log_lo, log_hi));
    const int w = static_cast<int>(std::lround(std::sqrt(target * aspect)));
    const int h = static_cast<int>(std::lround(std::sqrt(target / aspect)));
    if (w > 0 && h > 0 && w <= image_size.width && h <= image_size.height) {
      const int top = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(image_size.height - h + 1)));
      const int left = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(image_size.width - w + 1)));
      return {left, top, w, h};
    }
  }
  // Fallback: the whole image, cut to the nearest allowed aspect ratio, centred.
  const double in_ratio = static_cast<double>(image_size.width) / image_size.height;
  int w = image_size.width;
  int h = image_size.height;
  if (in_ratio < ratio_.first) {
    h = static_cast<int>(std::lround(w / ratio_.first));
  } else if (in_ratio > ratio_.second) {
    w = static_cast<int>(std::lround(h * ratio_.second));
  }
  return {(image_size.width - w) / 2, (image_size.height - h) / 2, w, h};
}

cv::Mat RandomResizedCrop::apply(const cv::Mat& image, Rng& rng) const {
  const cv::Rect crop = sample_crop(image.size(), rng);
  cv::Mat resized;
  cv::resize(image(crop), resized, {size_, size_}, 0, 0, interpolation_);
  return resized;
}

std::string RandomResizedCrop::describe() const {
  return "RandomResizedCrop(" + std::to_string(size_) + ", scale " + std::to_string(scale_.first) +
         "-" + std::to_string(scale_.second) + ", ratio " + std::to_string(ratio_.first) + "-" +
         std::to_string(ratio_.second) + ", " + interpolation_name(interpolation_) + ")";
}

cv::Mat HorizontalFlip::apply(const cv::Mat& image, Rng& rng) const {
  if (!chance(rng, p_)) return image.clone();
  cv::Mat flipped;
  cv::flip(image, flipped, 1);
  return flipped;
}

std::string HorizontalFlip::describe() const { return "HorizontalFlip(p " + std::to_string(p_) + ")"; }

}  // namespace binvit::data
