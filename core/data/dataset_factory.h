#pragma once
// Opening a dataset by format name, for the CLI and the GUI's "open dataset" dialog.

#include "core/data/dataset.h"
#include "core/data/read_options.h"
#include "core/data/segmentation_dataset.h"
#include "core/data/split.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace binvit::data {

struct DatasetSpec {
  std::string format;            // see dataset_formats()
  std::filesystem::path path;    // folder (file for csv); empty: the default dataset's folder
  Split split = Split::kTrain;
  ReadOptions options;
};

// Classification formats: fashion-mnist, mnist, cifar10, cifar100, cifar100-coarse,
// image-folder, csv, flowers102, chaoyang.
std::vector<std::string> dataset_formats();
// Segmentation formats: ade20k, segmentation-folder.
std::vector<std::string> segmentation_formats();
bool is_segmentation_format(const std::string& format);

// Throws std::invalid_argument for an unknown format, DataError for unreadable data.
std::shared_ptr<Dataset> open_dataset(const DatasetSpec& spec);
std::shared_ptr<SegmentationDataset> open_segmentation_dataset(const DatasetSpec& spec);

}  // namespace binvit::data
