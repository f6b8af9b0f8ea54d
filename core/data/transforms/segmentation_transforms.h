#pragma once
// Transforms of an image and its mask together: every geometric step moves both the same way
// (masks with nearest-neighbour interpolation, padded with the ignore index), photometric steps
// touch the image only.

#include "core/data/segmentation_dataset.h"
#include "core/data/transforms/transform.h"

namespace binvit::data {

class SegmentationTransform {
 public:
  virtual ~SegmentationTransform() = default;
  virtual SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const = 0;
  virtual std::string describe() const = 0;
};

using SegmentationTransformPtr = std::shared_ptr<const SegmentationTransform>;

class SegmentationCompose : public SegmentationTransform {
 public:
  explicit SegmentationCompose(std::vector<SegmentationTransformPtr> steps) : steps_(std::move(steps)) {}
  SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const override;
  std::string describe() const override;

 private:
  std::vector<SegmentationTransformPtr> steps_;
};

// Both to `size`: the image bilinear, the mask nearest.
class PairResize : public SegmentationTransform {
 public:
  explicit PairResize(cv::Size size) : size_(size) {}
  SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const override;
  std::string describe() const override;

 private:
  cv::Size size_;
};

// Both scaled by one factor uniform in [lo, hi] (mmseg's ratio_range).
class PairRandomScale : public SegmentationTransform {
 public:
  PairRandomScale(double lo, double hi) : lo_(lo), hi_(hi) {}
  SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const override;
  std::string describe() const override;

 private:
  double lo_, hi_;
};

// The same random size x size window of both; smaller pairs are padded first, the image with
// zeros and the mask with the ignore index.
class PairRandomCrop : public SegmentationTransform {
 public:
  explicit PairRandomCrop(cv::Size size) : size_(size) {}
  SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const override;
  std::string describe() const override;

 private:
  cv::Size size_;
};

// Both mirrored left-right with probability p.
class PairHorizontalFlip : public SegmentationTransform {
 public:
  explicit PairHorizontalFlip(double p = 0.5) : p_(p) {}
  SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const override;
  std::string describe() const override;

 private:
  double p_;
};

// A classification transform on the image alone (colour jitter, normalization); throws
// std::invalid_argument if it changes the image size, which would misalign the mask.
class ImageOnly : public SegmentationTransform {
 public:
  explicit ImageOnly(TransformPtr transform) : transform_(std::move(transform)) {}
  SegmentationSample apply(const SegmentationSample& sample, Rng& rng) const override;
  std::string describe() const override { return "ImageOnly(" + transform_->describe() + ")"; }

 private:
  TransformPtr transform_;
};

}  // namespace binvit::data
