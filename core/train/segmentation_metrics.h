#pragma once
// Segmentation scores from a confusion matrix (ALGORITHMS.md 3.8): per-class IoU, their mean
// over the classes that occur, and pixel accuracy. Torch-free.

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace binvit::train {

constexpr int kIgnoreLabel = 255;

// classes x classes counts, row = true class, column = predicted class.
class SegmentationConfusion {
 public:
  explicit SegmentationConfusion(int classes);

  int classes() const { return classes_; }
  long long count(int truth, int predicted) const;
  const std::vector<long long>& counts() const { return counts_; }

  // Adds one prediction / label pair: single-channel 8-bit (CV_8UC1) or 32-bit integer
  // (CV_32SC1) masks of equal size. Pixels labelled `ignore_label` are skipped. Throws
  // std::invalid_argument for mismatched masks, or a label or prediction outside [0, classes)
  // (naming the value and the pixel).
  void add(const cv::Mat& prediction, const cv::Mat& label, int ignore_label = kIgnoreLabel);
  void add(int truth, int predicted, long long pixels = 1);

 private:
  int classes_;
  std::vector<long long> counts_;
};

struct SegmentationScores {
  // TP / (TP + FP + FN) per class; NaN for a class that is neither in the labels nor predicted.
  std::vector<double> iou;
  double mean_iou = 0;        // mean over classes whose IoU is defined
  double pixel_accuracy = 0;  // trace / total (0 when there are no pixels)
  long long pixels = 0;
};

SegmentationScores segmentation_scores(const SegmentationConfusion& confusion);

}  // namespace binvit::train
