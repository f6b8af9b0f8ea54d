#pragma once
// A whole training run: the stages of a recipe one after the other in a run folder, each stage
// handing its best model to the next (teacher -> stage 1 -> stage 2 for GSB), resumable at any
// point, with a closing table of what every stage reached.

#include "core/train/train_config.h"
#include "core/train/training_control.h"
#include "core/train/training_observer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace binvit::train {

class DistributedContext;

struct StageOutcome {
  std::string stage;
  std::string model;  // variant or family, e.g. "float", "gsb-stage1", "gsb"
  double top1 = 0;
  double top5 = 0;
  int64_t parameters = 0;
  int64_t float_bytes = 0;
  int64_t packed_bytes = 0;
  double ops = 0;
  std::filesystem::path best_checkpoint;
  std::vector<std::vector<int64_t>> confusion;  // of the best epoch (classification)
  // Segmentation stages: scores of the best epoch (class_iou NaN for a class never seen).
  bool segmentation = false;
  double miou = 0;
  double pixel_accuracy = 0;
  std::vector<double> class_iou;
};

struct TrainingOutcome {
  bool completed = false;  // false: stopped by the token; resume continues
  std::string eval_name;   // "test" or "validation"
  std::vector<std::string> class_names;
  std::vector<StageOutcome> stages;
  nlohmann::json to_json() const;
};

struct TrainingRunOptions {
  // In data-parallel runs only rank 0 is given the run folder; the other ranks keep their
  // (identical) checkpoints in a private scratch folder.
  std::filesystem::path run_folder;
  bool resume = false;  // continue the run in run_folder (its config.json wins)
  DistributedContext* distributed = nullptr;
};

// Runs `config` (ignored on resume: the folder's config is used). Throws TrainingError,
// DataError or std::invalid_argument with a message naming the problem.
TrainingOutcome run_training(const TrainConfig& config, const TrainingRunOptions& options,
                             TrainingObserver& observer, TrainingControl& control);

// The closing table of a run, as text.
std::string format_outcome(const TrainingOutcome& outcome);

}  // namespace binvit::train
