#pragma once
// Segmentation datasets: an image and a mask of per-pixel class indices of the same size.
// Pixels equal to kIgnoreIndex count for no class (losses and metrics skip them).

#include "core/data/read_options.h"
#include "core/data/split.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace binvit::data {

constexpr int kIgnoreIndex = 255;

struct SegmentationSample {
  cv::Mat image;  // CV_8UC3 RGB or CV_8UC1
  cv::Mat mask;   // CV_8UC1 class indices or kIgnoreIndex, same size as the image
};

struct ImageMaskPair {
  std::filesystem::path image;
  std::filesystem::path mask;
};

class SegmentationDataset {
 public:
  // `reduce_zero_label`: the mask's 0 means "unlabelled" (ADE20K), so 0 becomes kIgnoreIndex and
  // every other value v becomes v - 1. Missing images or masks throw DataError naming the file
  // unless the skip option leaves the pair out.
  SegmentationDataset(std::vector<ImageMaskPair> pairs, std::vector<std::string> class_names,
                      bool reduce_zero_label, const ReadOptions& options);

  size_t size() const { return pairs_.size(); }
  const std::vector<std::string>& class_names() const { return class_names_; }
  // Throws DataError naming the mask when its size differs from its image's or it holds a value
  // that is neither a class index nor kIgnoreIndex.
  SegmentationSample get(size_t i) const;
  std::string source(size_t i) const { return pairs_.at(i).image.string(); }
  const ImageMaskPair& pair(size_t i) const { return pairs_.at(i); }
  size_t skipped() const { return skipped_; }
  // The pairs at `items` (in that order), read the same way; throws std::out_of_range for an
  // item past the end.
  std::shared_ptr<SegmentationDataset> subset(const std::vector<size_t>& items) const;

 private:
  std::vector<ImageMaskPair> pairs_;
  std::vector<std::string> class_names_;
  bool reduce_zero_label_ = false;
  size_t skipped_ = 0;
};

// ADE20K (ADEChallengeData2016): root/images/{training,validation}/*.jpg with the masks of the
// same stem in root/annotations/{training,validation}/*.png; kTrain reads training, kVal and kTest
// read validation (kTrainVal is refused). 150 classes after reducing the zero label; names from
// root/objectInfo150.csv when present.
std::shared_ptr<SegmentationDataset> read_ade20k(const std::filesystem::path& root, Split split,
                                                 const ReadOptions& options = {});

// A generic pair of folders: root/images/<stem>.<image extension> and root/masks/<stem>.png, with
// the class names one per line in root/classes.txt. Mask values are class indices (no shift).
std::shared_ptr<SegmentationDataset> read_segmentation_folder(const std::filesystem::path& root,
                                                              const ReadOptions& options = {});

}  // namespace binvit::data
