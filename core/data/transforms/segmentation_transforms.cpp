#include "core/data/transforms/segmentation_transforms.h"

#include "core/data/transforms/geometry.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <stdexcept>

namespace binvit::data {
namespace {

SegmentationSample resize_pair(const SegmentationSample& sample, cv::Size size) {
  SegmentationSample out;
  cv::resize(sample.image, out.image, size, 0, 0, cv::INTER_LINEAR);
  // Never blend class indices; the "exact" variant samples pixel centres like the bilinear image
  // does, where plain INTER_NEAREST is shifted by half a pixel.
  cv::resize(sample.mask, out.mask, size, 0, 0, cv::INTER_NEAREST_EXACT);
  return out;
}

}  // namespace

SegmentationSample SegmentationCompose::apply(const SegmentationSample& sample, Rng& rng) const {
  SegmentationSample current = sample;
  for (const auto& step : steps_) current = step->apply(current, rng);
  return current;
}

std::string SegmentationCompose::describe() const {
  std::string text;
  for (const auto& step : steps_) text += (text.empty() ? "" : " -> ") + step->describe();
  return text;
}

SegmentationSample PairResize::apply(const SegmentationSample& sample, Rng&) const {
  return resize_pair(sample, size_);
}

std::string PairResize::describe() const {
  return "PairResize(" + std::to_string(size_.width) + "x" + std::to_string(size_.height) + ")";
}

SegmentationSample PairRandomScale::apply(const SegmentationSample& sample, Rng& rng) const {
  const double factor = uniform(rng, lo_, hi_);
  const cv::Size size(std::max(1, static_cast<int>(std::lround(sample.image.cols * factor))),
                      std::max(1, static_cast<int>(std::lround(sample.image.rows * factor))));
  return resize_pair(sample, size);
}

std::string PairRandomScale::describe() const {
  return "PairRandomScale(" + std::to_string(lo_) + "-" + std::to_string(hi_) + ")";
}

SegmentationSample PairRandomCrop::apply(const SegmentationSample& sample, Rng& rng) const {
  const cv::Mat image = pad_to_at_least(sample.image, size_, cv::Scalar::all(0));
  const cv::Mat mask = pad_to_at_least(sample.mask, size_, cv::Scalar::all(kIgnoreIndex));
  const int top = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(image.rows - size_.height + 1)));
  const int left = static_cast<int>(uniform_index(rng, static_cast<uint64_t>(image.cols - size_.width + 1)));
  const cv::Rect window(left, top, size_.width, size_.height);
  return {image(window).clone(), mask(window).clone()};
}

std::string PairRandomCrop::describe() const {
  return "PairRandomCrop(" + std::to_string(size_.width) + "x" + std::to_string(size_.height) + ")";
}

SegmentationSample PairHorizontalFlip::apply(const SegmentationSample& sample, Rng& rng) const {
  if (!chance(rng, p_)) return {sample.image.clone(), sample.mask.clone()};
  SegmentationSample out;
  cv::flip(sample.image, out.image, 1);
  cv::flip(sample.mask, out.mask, 1);
  return out;
}

std::string PairHorizontalFlip::describe() const {
  return "PairHorizontalFlip(p " + std::to_string(p_) + ")";
}

SegmentationSample ImageOnly::apply(const SegmentationSample& sample, Rng& rng) const {
  SegmentationSample out{transform_->apply(sample.image, rng), sample.mask.clone()};
  if (out.image.size() != out.mask.size()) {
    throw std::invalid_argument(transform_->describe() + " changed the image size; use a pair transform");
  }
  return out;
}

}  // namespace binvit::data
