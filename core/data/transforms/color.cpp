#include "core/data/transforms/color.h"

#include "core/data/transforms/image_ops.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace binvit::data {

ColorJitter::ColorJitter(double brightness, double contrast, double saturation, double hue)
    : brightness_(brightness), contrast_(contrast), saturation_(saturation), hue_(hue) {
  if (hue < 0 || hue > 0.5) throw std::invalid_argument("ColorJitter: hue must be in [0, 0.5]");
}

cv::Mat ColorJitter::apply(const cv::Mat& image, Rng& rng) const {
  std::vector<size_t> order = {0, 1, 2, 3};
  shuffle_indices(order, rng);
  cv::Mat current = image.clone();
  auto factor = [&rng](double x) { return uniform(rng, std::max(0.0, 1.0 - x), 1.0 + x); };
  for (size_t step : order) {
    if (step == 0 && brightness_ > 0)
      current = ops::adjust_brightness(current, factor(brightness_));
    if (step == 1 && contrast_ > 0) current = ops::adjust_contrast(current, factor(contrast_));
    if (step == 2 && saturation_ > 0)
      current = ops::adjust_saturation(current, factor(saturation_));
    if (step == 3 && hue_ > 0) current = ops::adjust_hue(current, uniform(rng, -hue_, hue_));
  }
  return current;
}

std::string ColorJitter::describe() const {
  return "ColorJitter(" + std::to_string(brightness_) + ", " + std::to_string(contrast_) + ", " +
         std::to_string(saturation_) + ", " + std::to_string(hue_) + ")";
}

cv::Mat GrayscaleToRgb::apply(const cv::Mat& image, Rng&) const {
  if (image.channels() != 1) return image.clone();
  cv::Mat rgb;
  cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
  return rgb;
}

Normalize::Normalize(std::vector<double> mean, std::vector<double> std)
    : mean_(std::move(mean)), std_(std::move(std)) {
  if (mean_.empty() || mean_.size() != std_.size() || mean_.size() > 4) {
    throw std::invalid_argument("Normalize: mean and std need the same 1 to 4 channels");
  }
  for (double s : std_) {
    if (!(s > 0)) throw std::invalid_argument("Normalize: std must be positive");
  }
}

cv::Mat Normalize::apply(const cv::Mat& image, Rng&) const {
  // One value serves every channel (a data config may give a grey dataset's statistics to an
  // RGB model, as DataConfig::validate allows).
  const bool shared = mean_.size() == 1;
  if (!shared && static_cast<size_t>(image.channels()) != mean_.size()) {
    throw std::invalid_argument("Normalize: the image has " + std::to_string(image.channels()) +
                                " channels, mean/std have " + std::to_string(mean_.size()));
  }
  const double scale = image.depth() == CV_8U ? 1.0 / 255.0 : 1.0;
  cv::Mat out;
  image.convertTo(out, CV_32F, scale);
  cv::Scalar mean, inverse_std;
  for (int c = 0; c < image.channels(); ++c) {
    const size_t from = shared ? 0 : static_cast<size_t>(c);
    mean[c] = mean_[from];
    inverse_std[c] = 1.0 / std_[from];
  }
  cv::subtract(out, mean, out);
  cv::multiply(out, inverse_std, out);
  return out;
}

std::string Normalize::describe() const {
  std::string text = "Normalize(mean";
  for (double m : mean_) text += " " + std::to_string(m);
  text += ", std";
  for (double s : std_) text += " " + std::to_string(s);
  return text + ")";
}

}  // namespace binvit::data
