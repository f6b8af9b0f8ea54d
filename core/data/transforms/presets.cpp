#include "core/data/transforms/presets.h"

#include "core/data/transforms/color.h"
#include "core/data/transforms/geometry.h"
#include "core/data/transforms/random_erasing.h"

#include <cmath>
#include <stdexcept>

namespace binvit::data {
namespace {

// DeiT switches to the CIFAR-style crop when the input is this small.
constexpr int kSmallInput = 32;

std::vector<TransformPtr> channel_fix(const PipelineOptions& options) {
  if (options.channels == 3) return {std::make_shared<GrayscaleToRgb>()};
  return {};
}

// timm fills geometric RandAugment operations with the mean colour.
RandAugmentOptions rand_augment_options(const PipelineOptions& options) {
  RandAugmentOptions rand = options.rand_augment;
  for (size_t c = 0; c < options.mean.size() && c < 4; ++c) {
    rand.fill[static_cast<int>(c)] = std::round(255.0 * options.mean[c]);
  }
  return rand;
}

// [grey -> RGB] -> RandomResizedCrop, or a padded RandomCrop for small inputs -> flip.
std::vector<TransformPtr> crop_and_flip(const PipelineOptions& options, int small_padding) {
  std::vector<TransformPtr> steps = channel_fix(options);
  if (options.image_size > kSmallInput) {
    steps.push_back(std::make_shared<RandomResizedCrop>(options.image_size));
  } else {
    steps.push_back(std::make_shared<RandomCrop>(options.image_size, small_padding));
  }
  steps.push_back(std::make_shared<HorizontalFlip>(0.5));
  return steps;
}

}  // namespace

TransformPtr gsb_train_transforms(const PipelineOptions& options) {
  std::vector<TransformPtr> steps = crop_and_flip(options, 4);
  steps.push_back(std::make_shared<RandAugment>(rand_augment_options(options)));
  steps.push_back(std::make_shared<Normalize>(options.mean, options.std));
  if (options.erase_probability > 0) {
    steps.push_back(std::make_shared<RandomErasing>(options.erase_probability, EraseMode::kPixel));
  }
  return std::make_shared<Compose>(std::move(steps));
}

TransformPtr basic_train_transforms(const PipelineOptions& options) {
  std::vector<TransformPtr> steps = crop_and_flip(options, 2);
  steps.push_back(std::make_shared<Normalize>(options.mean, options.std));
  return std::make_shared<Compose>(std::move(steps));
}

TransformPtr gsb_eval_transforms(const PipelineOptions& options) {
  std::vector<TransformPtr> steps = channel_fix(options);
  if (options.image_size > kSmallInput) {
    const int resized = static_cast<int>(std::floor(options.image_size / options.crop_fraction));
    steps.push_back(std::make_shared<Resize>(resized, cv::INTER_CUBIC));
    steps.push_back(std::make_shared<CenterCrop>(options.image_size));
  } else {
    steps.push_back(std::make_shared<Resize>(cv::Size(options.image_size, options.image_size)));
  }
  steps.push_back(std::make_shared<Normalize>(options.mean, options.std));
  return std::make_shared<Compose>(std::move(steps));
}

TransformPtr make_transforms(const std::string& preset, const PipelineOptions& options) {
  if (preset == "gsb-train") return gsb_train_transforms(options);
  if (preset == "gsb-eval") return gsb_eval_transforms(options);
  if (preset == "basic-train") return basic_train_transforms(options);
  throw std::invalid_argument("unknown transform preset '" + preset +
                              "' (gsb-train, gsb-eval, basic-train)");
}

std::vector<std::string> transform_preset_names() {
  return {"gsb-train", "gsb-eval", "basic-train"};
}

}  // namespace binvit::data
