#pragma once
// Saving and loading a model's weights as safetensors, with its configuration in the metadata
// (key "binvit.config"), optionally under the released Python code's tensor names.

#include "core/nn/io/safetensors.h"
#include "core/nn/io/state_transfer.h"
#include "core/nn/models/classifier_model.h"
#include "core/nn/models/segmentation_model.h"

#include <filesystem>

namespace binvit::nn {

enum class TensorNaming { Project, Released };

void save_model_safetensors(const std::filesystem::path& path, const ClassifierModel& model,
                            TensorNaming naming = TensorNaming::Project);
// A segmentation model's, under the project's names (the released code has no such model).
void save_model_safetensors(const std::filesystem::path& path, const SegmentationModel& model);

// Loads into an existing model non-strictly; names are translated from the released code's when
// `naming` is Released. The report says what matched.
LoadReport load_model_safetensors(const std::filesystem::path& path, ClassifierModel& model,
                                  TensorNaming naming = TensorNaming::Project);

}  // namespace binvit::nn
