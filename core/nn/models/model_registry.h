#pragma once
// The model registry: preset name -> configuration, and configuration -> model. The GUI's model
// list, the CLI and the tests all see this one set.

#include "core/nn/models/classifier_model.h"
#include "core/nn/models/segmentation_model.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace binvit::nn {

enum class ModelTask { Classification, Segmentation };

struct ModelPreset {
  std::string name;
  std::string description;
  nlohmann::json config;
  ModelTask task = ModelTask::Classification;
};

const std::vector<ModelPreset>& model_presets();

// The preset of the built-in demo (Fashion-MNIST): the small GSB model.
std::string default_model_name();

// The configuration of a preset; throws std::invalid_argument listing the known names.
nlohmann::json preset_config(const std::string& name);

// Applies "key=value" overrides (value parsed as JSON when it is JSON, else taken as a string);
// dotted keys address nested fields, and every field named must already exist.
nlohmann::json apply_overrides(nlohmann::json config, const std::vector<std::string>& overrides);

// What a configuration's family builds.
ModelTask task_of(const nlohmann::json& config);

// Builds the classifier a configuration describes; validates it first (errors name the field).
std::shared_ptr<ClassifierModel> build_model(const nlohmann::json& config);

// Builds the segmentation model a configuration describes (family "bhvit-seg").
std::shared_ptr<SegmentationModel> build_segmentation_model(const nlohmann::json& config);

// The summary of whatever model a configuration describes.
ModelSummary summarize_model(const nlohmann::json& config);

}  // namespace binvit::nn
