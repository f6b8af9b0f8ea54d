#pragma once
// A model checkpoint: the model's parameters and buffers plus its resolved configuration, in one
// LibTorch archive written atomically, so a checkpoint alone rebuilds the model that wrote it.
// A training checkpoint also holds the optimizer state and LibTorch's CPU random state; the
// schedule and the loader position are plain numbers in `extra` (both are functions of the step).

#include "core/nn/models/classifier_model.h"
#include "core/nn/models/segmentation_model.h"

#include <torch/optim/optimizer.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>

namespace binvit::train {

struct Checkpoint {
  std::shared_ptr<nn::ClassifierModel> model;
  nlohmann::json config;  // the model config it was built from
  nlohmann::json extra;   // anything the writer added (stage, epoch, metrics)
};

struct SegmentationCheckpoint {
  std::shared_ptr<nn::SegmentationModel> model;
  nlohmann::json config;
  nlohmann::json extra;
};

// Any model with the config that rebuilds it (the two overloads below pass their own).
void save_checkpoint(const std::filesystem::path& path, const torch::nn::Module& model,
                     const nlohmann::json& config, const nlohmann::json& extra,
                     const torch::optim::Optimizer* optimizer);
void save_checkpoint(const std::filesystem::path& path, const nn::ClassifierModel& model,
                     const nlohmann::json& extra = nlohmann::json::object(),
                     const torch::optim::Optimizer* optimizer = nullptr);
void save_checkpoint(const std::filesystem::path& path, const nn::SegmentationModel& model,
                     const nlohmann::json& extra = nlohmann::json::object(),
                     const torch::optim::Optimizer* optimizer = nullptr);

// Restores the optimizer state and the CPU random state a training checkpoint holds. Throws
// std::runtime_error naming the file when it has none or they do not fit the optimizer.
void load_training_state(const std::filesystem::path& path, torch::optim::Optimizer& optimizer);

// Rebuilds the model from the stored config and loads every tensor (strict). Throws
// std::runtime_error naming the file when it is not a readable checkpoint, or when it holds a
// model of the other task (load_segmentation_checkpoint reads those).
Checkpoint load_checkpoint(const std::filesystem::path& path);
SegmentationCheckpoint load_segmentation_checkpoint(const std::filesystem::path& path);

// Whether a readable checkpoint holds a segmentation model (reads only its config).
bool is_segmentation_checkpoint(const std::filesystem::path& path);
// The writer's `extra` alone, without building the model.
nlohmann::json read_checkpoint_extra(const std::filesystem::path& path);

}  // namespace binvit::train
