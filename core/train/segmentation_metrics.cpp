#include "core/train/segmentation_metrics.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace binvit::train {
namespace {

int label_at(const cv::Mat& mask, int row, int col) {
  return mask.type() == CV_8UC1 ? mask.at<uint8_t>(row, col) : mask.at<int32_t>(row, col);
}

void check_mask(const cv::Mat& mask, const char* what) {
  if (mask.empty() || (mask.type() != CV_8UC1 && mask.type() != CV_32SC1)) {
    throw std::invalid_argument(std::string("segmentation confusion: the ") + what +
                                " must be a non-empty CV_8UC1 or CV_32SC1 mask");
  }
}

}  // namespace

SegmentationConfusion::SegmentationConfusion(int classes) : classes_(classes) {
  if (classes < 1) {
    throw std::invalid_argument("segmentation confusion: classes must be >= 1, got " +
                                std::to_string(classes));
  }
  counts_.assign(static_cast<size_t>(classes) * classes, 0);
}

long long SegmentationConfusion::count(int truth, int predicted) const {
  if (truth < 0 || truth >= classes_ || predicted < 0 || predicted >= classes_) {
    throw std::invalid_argument("segmentation confusion: cell (" + std::to_string(truth) + ", " +
                                std::to_string(predicted) + ") is outside the matrix");
  }
  return counts_[static_cast<size_t>(truth) * classes_ + predicted];
}

void SegmentationConfusion::add(int truth, int predicted, long long pixels) {
  if (truth < 0 || truth >= classes_) {
    throw std::invalid_argument("segmentation confusion: label " + std::to_string(truth) +
                                " is outside [0, " + std::to_string(classes_) + ")");
  }
  if (predicted < 0 || predicted >= classes_) {
    throw std::invalid_argument("segmentation confusion: prediction " + std::to_string(predicted) +
                                " is outside [0, " + std::to_string(classes_) + ")");
  }
  counts_[static_cast<size_t>(truth) * classes_ + predicted] += pixels;
}

void SegmentationConfusion::add(const cv::Mat& prediction, const cv::Mat& label, int ignore_label) {
  check_mask(prediction, "prediction");
  check_mask(label, "label");
  if (prediction.size() != label.size()) {
    throw std::invalid_argument(
        "segmentation confusion: prediction " + std::to_string(prediction.cols) + "x" +
        std::to_string(prediction.rows) + " and label " + std::to_string(label.cols) + "x" +
        std::to_string(label.rows) + " differ in size");
  }
  for (int r = 0; r < label.rows; ++r) {
    for (int c = 0; c < label.cols; ++c) {
      const int truth = label_at(label, r, c);
      if (truth == ignore_label) continue;
      const int predicted = label_at(prediction, r, c);
      if (truth < 0 || truth >= classes_ || predicted < 0 || predicted >= classes_) {
        throw std::invalid_argument("segmentation confusion: at pixel (" + std::to_string(c) +
                                    ", " + std::to_string(r) + ") label " + std::to_string(truth) +
                                    " or prediction " + std::to_string(predicted) +
                                    " is outside [0, " + std::to_string(classes_) + ")");
      }
      ++counts_[static_cast<size_t>(truth) * classes_ + predicted];
    }
  }
}

SegmentationScores segmentation_scores(const SegmentationConfusion& confusion) {
  const int n = confusion.classes();
  SegmentationScores scores;
  scores.iou.assign(static_cast<size_t>(n), std::numeric_limits<double>::quiet_NaN());
  long long correct = 0;
  double iou_sum = 0;
  int defined = 0;
  for (int k = 0; k < n; ++k) {
    long long row = 0, column = 0;
    for (int j = 0; j < n; ++j) {
      row += confusion.count(k, j);
      column += confusion.count(j, k);
    }
    const long long tp = confusion.count(k, k);
    scores.pixels += row;
    correct += tp;
    const long long united = row + column - tp;  // TP + FN + FP
    if (united > 0) {
      scores.iou[static_cast<size_t>(k)] = static_cast<double>(tp) / united;
      iou_sum += scores.iou[static_cast<size_t>(k)];
      ++defined;
    }
  }
  scores.mean_iou = defined > 0 ? iou_sum / defined : 0.0;
  scores.pixel_accuracy = scores.pixels > 0 ? static_cast<double>(correct) / scores.pixels : 0.0;
  return scores;
}

}  // namespace binvit::train
