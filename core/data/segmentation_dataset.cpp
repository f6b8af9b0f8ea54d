#include "core/data/segmentation_dataset.h"

#include "core/data/data_error.h"
#include "core/data/image_file.h"
#include "core/data/readers/class_names_file.h"

#include <algorithm>
#include <fstream>

namespace binvit::data {
namespace fs = std::filesystem;
namespace {

bool pair_is_usable(const ImageMaskPair& pair, const ReadOptions& options) {
  if (!options.skip_unreadable) {
    std::error_code error;
    if (!fs::is_regular_file(pair.image, error)) throw DataError(pair.image, "missing image");
    if (!fs::is_regular_file(pair.mask, error)) {
      throw DataError(pair.mask, "missing mask for image " + pair.image.string());
    }
    return true;
  }
  return is_readable_image(pair.image) && is_readable_image(pair.mask);
}

// Pairs each image of `images` with `masks`/<stem>.png, in sorted order.
std::vector<ImageMaskPair> pair_folders(const fs::path& images, const fs::path& masks) {
  std::error_code error;
  if (!fs::is_directory(images, error)) throw DataError(images, "missing image folder");
  std::vector<ImageMaskPair> pairs;
  for (const auto& entry : fs::directory_iterator(images)) {
    if (!entry.is_regular_file() || !has_image_extension(entry.path())) continue;
    pairs.push_back({entry.path(), masks / (entry.path().stem().string() + ".png")});
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const ImageMaskPair& a, const ImageMaskPair& b) { return a.image < b.image; });
  return pairs;
}

// objectInfo150.csv: "Idx,Ratio,Train,Val,Name" with the name last.
std::vector<std::string> ade20k_class_names(const fs::path& root) {
  const fs::path file = root / "objectInfo150.csv";
  std::ifstream in(file);
  if (!in) return numbered_class_names(150);
  std::vector<std::string> names;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t cut = 0;
    for (int field = 0; field < 4 && cut != std::string::npos; ++field)
      cut = line.find(',', cut + 1);
    if (cut == std::string::npos) throw DataError(file, "malformed line: " + line);
    std::string name = line.substr(cut + 1);
    name.erase(
        std::remove_if(name.begin(), name.end(), [](char c) { return c == '"' || c == '\r'; }),
        name.end());
    names.push_back(name);
  }
  if (names.size() != 150) {
    throw DataError(file, "holds " + std::to_string(names.size()) + " classes, 150 expected");
  }
  return names;
}

}  // namespace

SegmentationDataset::SegmentationDataset(std::vector<ImageMaskPair> pairs,
                                         std::vector<std::string> class_names,
                                         bool reduce_zero_label, const ReadOptions& options)
    : class_names_(std::move(class_names)), reduce_zero_label_(reduce_zero_label) {
  for (ImageMaskPair& pair : pairs) {
    if (pair_is_usable(pair, options)) {
      pairs_.push_back(std::move(pair));
    } else {
      ++skipped_;
    }
  }
}

SegmentationSample SegmentationDataset::get(size_t i) const {
  const ImageMaskPair& pair = pairs_.at(i);
  SegmentationSample sample{read_image(pair.image), read_mask(pair.mask)};
  if (sample.mask.size() != sample.image.size()) {
    throw DataError(pair.mask, "mask is " + std::to_string(sample.mask.cols) + "x" +
                                   std::to_string(sample.mask.rows) + " but its image " +
                                   pair.image.string() + " is " +
                                   std::to_string(sample.image.cols) + "x" +
                                   std::to_string(sample.image.rows));
  }
  if (reduce_zero_label_) {
    // 0 -> 255 and v -> v - 1 (255 stays 255): a lookup table does it in one pass.
    cv::Mat table(1, 256, CV_8U);
    for (int v = 0; v < 256; ++v)
      table.at<uint8_t>(v) = static_cast<uint8_t>(v == 0 || v == 255 ? 255 : v - 1);
    cv::LUT(sample.mask, table, sample.mask);
  }
  double largest = 0;
  cv::Mat labelled = sample.mask != kIgnoreIndex;
  cv::minMaxLoc(sample.mask, nullptr, &largest, nullptr, nullptr, labelled);
  if (cv::countNonZero(labelled) > 0 && largest >= static_cast<double>(class_names_.size())) {
    throw DataError(pair.mask, "mask value " + std::to_string(static_cast<int>(largest)) +
                                   " is neither a class index below " +
                                   std::to_string(class_names_.size()) +
                                   " nor the ignore index 255");
  }
  return sample;
}

std::shared_ptr<SegmentationDataset> read_ade20k(const fs::path& root, Split split,
                                                 const ReadOptions& options) {
  if (split == Split::kTrainVal)
    throw DataError(root, "ADE20K has a training and a validation part only");
  const std::string part = split == Split::kTrain ? "training" : "validation";
  return std::make_shared<SegmentationDataset>(
      pair_folders(root / "images" / part, root / "annotations" / part), ade20k_class_names(root),
      true, options);
}

std::shared_ptr<SegmentationDataset> read_segmentation_folder(const fs::path& root,
                                                              const ReadOptions& options) {
  return std::make_shared<SegmentationDataset>(pair_folders(root / "images", root / "masks"),
                                               read_class_names(root / "classes.txt"), false,
                                               options);
}

std::shared_ptr<SegmentationDataset> SegmentationDataset::subset(
    const std::vector<size_t>& items) const {
  auto part = std::make_shared<SegmentationDataset>(*this);
  part->pairs_.clear();
  for (size_t item : items) part->pairs_.push_back(pairs_.at(item));
  return part;
}

}  // namespace binvit::data
