#include "core/data/transforms/random_erasing.h"

#include <cmath>

namespace binvit::data {
namespace {

double noise(Rng& rng, bool is_float) { return is_float ? normal(rng) : std::floor(uniform(rng, 0, 256)); }

}  // namespace

RandomErasing::RandomErasing(double probability, EraseMode mode, std::pair<double, double> scale,
                             std::pair<double, double> ratio)
    : probability_(probability), mode_(mode), scale_(scale), ratio_(ratio) {}

void RandomErasing::fill(cv::Mat region, Rng& rng) const {
  const bool is_float = region.depth() == CV_32F;
  const int channels = region.channels();
  if (mode_ == EraseMode::kConst) {
    region.setTo(cv::Scalar::all(0));
    return;
  }
  cv::Scalar colour;
  if (mode_ == EraseMode::kRand) {
    for (int c = 0; c < channels; ++c) colour[c] = noise(rng, is_float);
    region.setTo(colour);
    return;
  }
  for (int y = 0; y < region.rows; ++y) {
    for (int x = 0; x < region.cols; ++x) {
      for (int c = 0; c < channels; ++c) {
        const double value = noise(rng, is_float);
        if (is_float) {
          region.ptr<float>(y)[x * channels + c] = static_cast<float>(value);
        } else {
          region.ptr<uint8_t>(y)[x * channels + c] = static_cast<uint8_t>(value);
        }
      }
    }
  }
}

cv::Mat RandomErasing::apply(const cv::Mat& image, Rng& rng) const {
  cv::Mat out = image.clone();
  if (!chance(rng, probability_)) return out;
  const double area = static_cast<double>(image.total());
  for (int attempt = 0; attempt < 10; ++attempt) {
    const double target = area * uniform(rng, scale_.first, scale_.second);
    const double aspect = std::exp(uniform(rng, std::log(ratio_.first), std::log(ratio_.second)));
    const int h = static_cast<int>(std::lround(std::sqrt(target * aspect)));
    const int w = static_cast<int>(std::lround(std::sqrt(target / aspect)));
    if (w > 0 && h > 0 && w < image.cols && h < image.rows) {
      const int top = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(image.rows - h + 1)));
      const int left = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(image.cols - w + 1)));
      fill(out(cv::Rect(left, top, w, h)), rng);
      break;
    }
  }
  return out;
}

std::string RandomErasing::describe() const {
  static const char* modes[] = {"pixel", "rand", "const"};
  return "RandomErasing(p " + std::to_string(probability_) + ", " + modes[static_cast<int>(mode_)] + ")";
}

}  // namespace binvit::data
