#include "core/data/dataset_factory.h"

#include "core/data/default_dataset.h"
#include "core/data/readers/chaoyang_dataset.h"
#include "core/data/readers/cifar_dataset.h"
#include "core/data/readers/csv_list_dataset.h"
#include "core/data/readers/flowers102_dataset.h"
#include "core/data/readers/image_folder_dataset.h"
#include "core/data/readers/mnist_dataset.h"

#include <algorithm>
#include <stdexcept>

namespace binvit::data {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::vector<std::string> dataset_formats() {
  return {"fashion-mnist", "mnist",        "cifar10", "cifar100",  "cifar100-coarse",
          "image-folder",  "csv",          "flowers102", "chaoyang"};
}

std::vector<std::string> segmentation_formats() { return {"ade20k", "segmentation-folder"}; }

bool is_segmentation_format(const std::string& format) {
  const auto formats = segmentation_formats();
  return std::find(formats.begin(), formats.end(), format) != formats.end();
}

std::shared_ptr<Dataset> open_dataset(const DatasetSpec& spec) {
  const std::string& f = spec.format;
  if (f == "fashion-mnist" || f == "mnist") {
    const auto root = spec.path.empty() ? default_dataset().root : spec.path;
    return read_mnist_folder(root, spec.split, f == "fashion-mnist");
  }
  if (f == "cifar10") return read_cifar_folder(spec.path, CifarVariant::kCifar10, spec.split);
  if (f == "cifar100") return read_cifar_folder(spec.path, CifarVariant::kCifar100Fine, spec.split);
  if (f == "cifar100-coarse") return read_cifar_folder(spec.path, CifarVariant::kCifar100Coarse, spec.split);
  if (f == "image-folder") return read_image_folder(spec.path, spec.options);
  if (f == "csv") return read_csv_list(spec.path, spec.options);
  if (f == "flowers102") return read_flowers102(spec.path, spec.split, spec.options);
  if (f == "chaoyang") return read_chaoyang(spec.path, spec.split, spec.options);
  throw std::invalid_argument("unknown dataset format '" + f + "' (" + joined(dataset_formats()) + ")");
}

std::shared_ptr<SegmentationDataset> open_segmentation_dataset(const DatasetSpec& spec) {
  if (spec.format == "ade20k") return read_ade20k(spec.path, spec.split, spec.options);
  if (spec.format == "segmentation-folder") return read_segmentation_folder(spec.path, spec.options);
  throw std::invalid_argument("unknown segmentation format '" + spec.format + "' (" +
                              joined(segmentation_formats()) + ")");
}

}  // namespace binvit::data
