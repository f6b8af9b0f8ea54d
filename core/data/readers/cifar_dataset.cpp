#include "core/data/readers/cifar_dataset.h"

#include "core/data/data_error.h"
#include "core/data/readers/class_names_file.h"

#include <opencv2/core.hpp>

#include <fstream>
#include <iterator>

namespace binvit::data {
namespace {

constexpr int kSide = 32;
constexpr size_t kPlane = kSide * kSide;
constexpr size_t kPixels = 3 * kPlane;

struct Layout {
  size_t label_bytes;  // 1 for CIFAR-10, 2 for CIFAR-100
  size_t label_at;     // which label byte is used
  int64_t classes;
  const char* names_file;
};

Layout layout_of(CifarVariant variant) {
  switch (variant) {
    case CifarVariant::kCifar10:
      return {1, 0, 10, "batches.meta.txt"};
    case CifarVariant::kCifar100Coarse:
      return {2, 0, 20, "coarse_label_names.txt"};
    case CifarVariant::kCifar100Fine:
      break;
  }
  return {2, 1, 100, "fine_label_names.txt"};
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file, "missing or unreadable CIFAR batch file");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The planes are stored one after the other; merge them into interleaved RGB.
cv::Mat planar_to_rgb(const uint8_t* planes) {
  std::vector<cv::Mat> channels;
  for (int c = 0; c < 3; ++c) {
    channels.emplace_back(kSide, kSide, CV_8UC1, const_cast<uint8_t*>(planes + c * kPlane));
  }
  cv::Mat rgb;
  cv::merge(channels, rgb);
  return rgb;
}

void append_file(const std::filesystem::path& file, const Layout& layout,
                 std::vector<cv::Mat>& images, std::vector<int64_t>& labels,
                 std::vector<std::string>& sources) {
  const std::vector<uint8_t> bytes = read_bytes(file);
  const size_t record = layout.label_bytes + kPixels;
  if (bytes.empty() || bytes.size() % record != 0) {
    const size_t whole = bytes.size() / record;
    throw DataError(file, "truncated file: " + std::to_string(bytes.size()) +
                              " bytes is not a whole number of " + std::to_string(record) +
                              "-byte records; the partial record starts at offset " +
                              std::to_string(whole * record));
  }
  for (size_t offset = 0; offset < bytes.size(); offset += record) {
    const int64_t label = bytes[offset + layout.label_at];
    if (label >= layout.classes) {
      throw DataError(file, "label " + std::to_string(label) + " at offset " +
                                std::to_string(offset + layout.label_at) + " is outside [0, " +
                                std::to_string(layout.classes) + ")");
    }
    sources.push_back(record_source(file, offset / record));
    labels.push_back(label);
    images.push_back(planar_to_rgb(bytes.data() + offset + layout.label_bytes));
  }
}

}  // namespace

std::shared_ptr<InMemoryDataset> read_cifar_files(const std::vector<std::filesystem::path>& files,
                                                  CifarVariant variant) {
  const Layout layout = layout_of(variant);
  std::vector<cv::Mat> images;
  std::vector<int64_t> labels;
  std::vector<std::string> sources;
  for (const auto& file : files) append_file(file, layout, images, labels, sources);
  const std::filesystem::path folder = files.empty() ? "." : files.front().parent_path();
  std::vector<std::string> names =
      read_class_names_or_numbers(folder / layout.names_file, static_cast<size_t>(layout.classes));
  return std::make_shared<InMemoryDataset>(std::move(images), std::move(labels), std::move(names),
                                           std::move(sources));
}

std::shared_ptr<InMemoryDataset> read_cifar_folder(const std::filesystem::path& root,
                                                   CifarVariant variant, Split split) {
  if (split != Split::kTrain && split != Split::kTest) {
    throw DataError(root, "CIFAR has only a train and a test split");
  }
  std::vector<std::filesystem::path> files;
  if (variant == CifarVariant::kCifar10) {
    if (split == Split::kTest) {
      files.push_back(root / "test_batch.bin");
    } else {
      for (int b = 1; b <= 5; ++b) files.push_back(root / ("data_batch_" + std::to_string(b) + ".bin"));
    }
  } else {
    files.push_back(root / (split == Split::kTest ? "test.bin" : "train.bin"));
  }
  return read_cifar_files(files, variant);
}

}  // namespace binvit::data
