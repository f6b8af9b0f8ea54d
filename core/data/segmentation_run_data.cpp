#include "core/data/segmentation_run_data.h"

#include "core/data/dataset_factory.h"
#include "core/data/random.h"
#include "core/data/transforms/color.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace binvit::data {
namespace {

// Pairs carry no single label to stratify on, so the split is a seeded shuffle.
std::pair<std::vector<size_t>, std::vector<size_t>> shuffled_split(size_t size, double percent,
                                                                   uint64_t seed) {
  std::vector<size_t> order(size);
  std::iota(order.begin(), order.end(), size_t{0});
  Rng rng(seed);
  shuffle_indices(order, rng);
  const auto held_out = static_cast<size_t>(std::llround(size * percent / 100.0));
  std::vector<size_t> eval(order.begin(), order.begin() + std::min(held_out, size));
  std::vector<size_t> train(order.begin() + std::min(held_out, size), order.end());
  std::sort(eval.begin(), eval.end());
  std::sort(train.begin(), train.end());
  return {train, eval};
}

std::shared_ptr<const SegmentationDataset> limited(std::shared_ptr<const SegmentationDataset> set,
                                                   size_t limit) {
  if (limit == 0 || limit >= set->size()) return set;
  std::vector<size_t> first(limit);
  std::iota(first.begin(), first.end(), size_t{0});
  return set->subset(first);
}

SegmentationTransformPtr pair_transforms(const DataConfig& config, bool train) {
  std::vector<SegmentationTransformPtr> steps;
  steps.push_back(std::make_shared<PairResize>(cv::Size(config.image_size, config.image_size)));
  if (train && config.augment != "none") steps.push_back(std::make_shared<PairHorizontalFlip>(0.5));
  steps.push_back(std::make_shared<ImageOnly>(
      segmentation_image_transforms(config.channels, config.mean, config.std)));
  return std::make_shared<SegmentationCompose>(std::move(steps));
}

}  // namespace

TransformPtr segmentation_image_transforms(int channels, const std::vector<double>& mean,
                                           const std::vector<double>& std) {
  std::vector<TransformPtr> steps;
  if (channels == 3) steps.push_back(std::make_shared<GrayscaleToRgb>());
  steps.push_back(std::make_shared<Normalize>(mean, std));
  return std::make_shared<Compose>(std::move(steps));
}

SegmentationRunData open_segmentation_run_data(const DataConfig& config, uint64_t seed) {
  config.validate();
  if (!is_segmentation_format(config.format)) {
    throw std::invalid_argument("data config field 'format': '" + config.format +
                                "' is a classification format; a segmentation run needs ade20k "
                                "or segmentation-folder");
  }
  DatasetSpec spec;
  spec.format = config.format;
  spec.path = config.path;
  spec.split = Split::kTrain;
  std::shared_ptr<const SegmentationDataset> train = open_segmentation_dataset(spec);
  SegmentationRunData data;
  data.eval_name = "validation";
  if (config.val_percent > 0) {
    const auto [train_items, eval_items] = shuffled_split(train->size(), config.val_percent, seed);
    data.train = train->subset(train_items);
    data.eval = train->subset(eval_items);
  } else if (config.format == "ade20k") {
    spec.split = Split::kVal;
    data.train = train;
    data.eval = open_segmentation_dataset(spec);
  } else {
    throw std::invalid_argument("data config field 'val_percent': a " + config.format +
                                " dataset has no validation part of its own; set a share above 0 "
                                "(for example 10)");
  }
  data.train = limited(data.train, config.train_limit);
  data.eval = limited(data.eval, config.test_limit);
  if (data.eval->size() == 0) {
    throw std::invalid_argument("data config field 'val_percent': the " + config.format + " at " +
                                config.path.string() + " leaves no pair for validation");
  }
  data.train_transform = pair_transforms(config, true);
  data.eval_transform = pair_transforms(config, false);
  return data;
}

}  // namespace binvit::data
