#pragma once
// A transform maps an image to an image, drawing any randomness from the generator it is given,
// so a pipeline is deterministic for a seed no matter which thread runs it. Images are 8-bit
// (CV_8UC1 or RGB CV_8UC3) until Normalize, which makes them CV_32F; transforms that make sense
// on both (flip, crops, erasing) accept both.

#include "core/data/random.h"

#include <opencv2/core.hpp>

#include <memory>
#include <string>
#include <vector>

namespace binvit::data {

class Transform {
 public:
  virtual ~Transform() = default;
  // Returns the transformed image; never modifies `image` (it may share pixels with a dataset).
  virtual cv::Mat apply(const cv::Mat& image, Rng& rng) const = 0;
  // A short description for logs and previews, e.g. "Resize(256, bicubic)".
  virtual std::string describe() const = 0;
};

using TransformPtr = std::shared_ptr<const Transform>;

// Applies transforms one after the other.
class Compose : public Transform {
 public:
  explicit Compose(std::vector<TransformPtr> transforms) : transforms_(std::move(transforms)) {}
  cv::Mat apply(const cv::Mat& image, Rng& rng) const override;
  std::string describe() const override;
  const std::vector<TransformPtr>& transforms() const { return transforms_; }

 private:
  std::vector<TransformPtr> transforms_;
};

}  // namespace binvit::data
