#include "core/data/transforms/rand_augment.h"

#include "core/data/transforms/image_ops.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

namespace binvit::data {
namespace {

constexpr double kMaxLevel = 10.0;

double signed_level(double value, Rng& rng) { return chance(rng, 0.5) ? -value : value; }

int random_interpolation(Rng& rng) { return chance(rng, 0.5) ? cv::INTER_LINEAR : cv::INTER_CUBIC; }

// Ops take the image, the magnitude fraction (m / 10), the generator and the fill colour.
using Operation = std::function<cv::Mat(const cv::Mat&, double, Rng&, const cv::Scalar&)>;

cv::Mat enhance(cv::Mat (*adjust)(const cv::Mat&, double), const cv::Mat& image, double level, Rng& rng) {
  return adjust(image, 1.0 + signed_level(0.9 * level, rng));  // factor in [0.1, 1.9]
}

const std::map<std::string, Operation>& operations() {
  static const std::map<std::string, Operation> table = {
      {"AutoContrast", [](const cv::Mat& im, double, Rng&, const cv::Scalar&) { return ops::autocontrast(im); }},
      {"Equalize", [](const cv::Mat& im, double, Rng&, const cv::Scalar&) { return ops::equalize(im); }},
      {"Invert", [](const cv::Mat& im, double, Rng&, const cv::Scalar&) { return ops::invert(im); }},
      {"Rotate",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar& fill) {
         const double degrees = signed_level(30.0 * level, rng);
         return ops::rotate(im, degrees, random_interpolation(rng), fill);
       }},
      {"PosterizeIncreasing",
       [](const cv::Mat& im, double level, Rng&, const cv::Scalar&) {
         return ops::posterize(im, 4 - static_cast<int>(level * 4));
       }},
      {"SolarizeIncreasing",
       [](const cv::Mat& im, double level, Rng&, const cv::Scalar&) {
         return ops::solarize(im, 256 - static_cast<int>(level * 256));
       }},
      {"SolarizeAdd",
       [](const cv::Mat& im, double level, Rng&, const cv::Scalar&) {
         return ops::solarize_add(im, static_cast<int>(level * 110));
       }},
      {"ColorIncreasing",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar&) {
         return enhance(ops::adjust_saturation, im, level, rng);
       }},
      {"ContrastIncreasing",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar&) {
         return enhance(ops::adjust_contrast, im, level, rng);
       }},
      {"BrightnessIncreasing",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar&) {
         return enhance(ops::adjust_brightness, im, level, rng);
       }},
      {"SharpnessIncreasing",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar&) {
         return enhance(ops::adjust_sharpness, im, level, rng);
       }},
      {"ShearX",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar& fill) {
         const double shear = signed_level(0.3 * level, rng);
         return ops::affine(im, {1, shear, 0, 0, 1, 0}, random_interpolation(rng), fill);
       }},
      {"ShearY",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar& fill) {
         const double shear = signed_level(0.3 * level, rng);
         return ops::affine(im, {1, 0, 0, shear, 1, 0}, random_interpolation(rng), fill);
       }},
      {"TranslateXRel",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar& fill) {
         const double pixels = signed_level(0.45 * level, rng) * im.cols;
         return ops::affine(im, {1, 0, pixels, 0, 1, 0}, random_interpolation(rng), fill);
       }},
      {"TranslateYRel",
       [](const cv::Mat& im, double level, Rng& rng, const cv::Scalar& fill) {
         const double pixels = signed_level(0.45 * level, rng) * im.rows;
         return ops::affine(im, {1, 0, 0, 0, 1, pixels}, random_interpolation(rng), fill);
       }},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& RandAugment::operation_names() {
  static const std::vector<std::string> names = {
      "AutoContrast",        "Equalize",           "Invert",          "Rotate",
      "PosterizeIncreasing", "SolarizeIncreasing", "SolarizeAdd",     "ColorIncreasing",
      "ContrastIncreasing",  "BrightnessIncreasing", "SharpnessIncreasing", "ShearX",
      "ShearY",              "TranslateXRel",      "TranslateYRel"};
  return names;
}

cv::Mat RandAugment::apply_operation(const std::string& name, const cv::Mat& image,
                                     double magnitude, Rng& rng) const {
  const auto found = operations().find(name);
  if (found == operations().end()) throw std::invalid_argument("unknown RandAugment operation " + name);
  if (image.depth() != CV_8U) throw std::invalid_argument("RandAugment needs an 8-bit image");
  const cv::Scalar fill = image.channels() == 1 ? cv::Scalar::all(options_.fill[0]) : options_.fill;
  return found->second(image, std::clamp(magnitude, 0.0, kMaxLevel) / kMaxLevel, rng, fill);
}

cv::Mat RandAugment::apply(const cv::Mat& image, Rng& rng) const {
  const auto& names = operation_names();
  cv::Mat current = image;
  for (int k = 0; k < options_.num_ops; ++k) {
    const std::string& name = names[uniform_index(rng, names.size())];
    if (!chance(rng, options_.probability)) continue;
    double magnitude = options_.magnitude;
    if (options_.magnitude_std > 0) magnitude += options_.magnitude_std * normal(rng);
    current = apply_operation(name, current, magnitude, rng);
  }
  return current.data == image.data ? image.clone() : current;
}

std::string RandAugment::describe() const {
  return "RandAugment(n " + std::to_string(options_.num_ops) + ", m " +
         std::to_string(options_.magnitude) + ", mstd " + std::to_string(options_.magnitude_std) + ")";
}

}  // namespace binvit::data
