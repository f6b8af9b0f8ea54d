#pragma once
// Inspection of a segmentation model (BHViT + FPN head): one image, and optionally its mask,
// through the model in eval mode; the per-pixel prediction drawn over the image with a legend,
// the ground truth the same way, and the image's per-class IoU. Torch-free header (pimpl), so Qt
// code can include it. Not thread-safe: one inspector from one thread at a time.

#include "core/inspect/model_inspector.h"  // Preprocessing

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace binvit::inspect {

struct SegmentationModelInfo {
  std::string model_name;  // e.g. "bhvit-seg 64 px (run/single/best.pt)"
  std::filesystem::path checkpoint;
  std::filesystem::path run_folder;  // empty when the checkpoint is not inside a run
  std::vector<std::string> class_names;
  // The run's data config (data::DataConfig as JSON), for its samples; empty when not in a run.
  std::string dataset_json;
  Preprocessing preprocessing;
  std::vector<std::string> notes;  // e.g. why the class names are numbered
};

struct SegmentationInspection {
  cv::Mat model_input;         // 8-bit image at the model's input size, before normalisation
  cv::Mat prediction;          // CV_32SC1 class per pixel of model_input
  cv::Mat truth;               // CV_32SC1 mask resized (nearest) to model_input; empty if none
  cv::Mat prediction_overlay;  // RGB: model_input with the prediction and a legend
  cv::Mat truth_overlay;       // RGB: the same with the truth; empty if none
  std::vector<double> predicted_share;  // per class: share of the image's pixels predicted so
  bool scored = false;                  // a mask was given: the scores below are set
  std::vector<double> iou;              // per class; NaN when neither labelled nor predicted
  double mean_iou = 0;
  double pixel_accuracy = 0;
};

class SegmentationInspector {
 public:
  // Whether `path` (a checkpoint, or a run folder's last-stage best checkpoint) holds a
  // segmentation model. Throws std::runtime_error naming the file when it is unreadable.
  static bool holds_segmentation_model(const std::filesystem::path& path);
  // A checkpoint or a run folder. Mean, std, input size and class names come from the run's data
  // config and dataset when the checkpoint is inside a run. Throws std::runtime_error naming the
  // file when it is not a readable segmentation checkpoint.
  static SegmentationInspector open(const std::filesystem::path& path);

  SegmentationInspector(SegmentationInspector&&) noexcept;
  SegmentationInspector& operator=(SegmentationInspector&&) noexcept;
  ~SegmentationInspector();

  const SegmentationModelInfo& info() const;

  // `image`: 8-bit grey, RGB or RGBA of any size; `mask` (optional): CV_8UC1 class indices of the
  // image's size, 255 = ignore. Throws std::invalid_argument for an empty or non-8-bit image, a
  // mask of another size, or a mask value that is no class.
  SegmentationInspection inspect(const cv::Mat& image, const cv::Mat& mask = cv::Mat()) const;

 private:
  struct Impl;
  explicit SegmentationInspector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace binvit::inspect
