#pragma once
// Trains one model for one stage of a recipe: epochs of batches with AdamW and the cosine
// schedule, an evaluation after every epoch, `last` and `best` checkpoints, resume from `last`,
// early stopping, and the pause/stop token checked at every batch.

#include "core/data/data_config.h"
#include "core/nn/models/classifier_model.h"
#include "core/train/classification_metrics.h"
#include "core/train/losses.h"
#include "core/train/run_folder.h"
#include "core/train/stage_task.h"
#include "core/train/train_config.h"
#include "core/train/training_control.h"
#include "core/train/training_observer.h"

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace binvit::train {

class DistributedContext;

// Thrown when a stage cannot go on (a non-finite loss); the message says what happened and
// which checkpoint was kept.
class TrainingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StageSpec {
  std::string name;  // checkpoints/<name>/
  int index = 0;
  int count = 1;
  std::shared_ptr<StageTask> task;  // the model, its data, loss and score
  StageConfig schedule;
};

struct StageResult {
  bool completed = false;       // false: stopped by the token; `last` holds where it stopped
  double best_score = 0;        // top-1 or mIoU
  nlohmann::json best_metrics;  // the evaluation of the best epoch
  std::filesystem::path best_checkpoint;
};

struct StageContext {
  const TrainConfig& config;
  RunFolder& run;
  std::string eval_name;  // "test" or "validation", for records and log lines
  TrainingObserver& observer;
  TrainingControl& control;
  DistributedContext* distributed = nullptr;  // null: one process
  bool writes_run = true;                     // only rank 0 writes the run folder
};

// Trains `spec.model` in place; with `resume`, continues from the stage's `last` checkpoint when
// there is one (falling back to the previous one when `last` is unreadable).
StageResult run_stage(StageSpec& spec, const StageContext& context, bool resume);

// Evaluates a model on a dataset with the eval transforms.
ClassificationMetrics evaluate(nn::ClassifierModel& model, const data::Dataset& dataset,
                               const data::TransformPtr& transform, int64_t batch_size,
                               size_t workers, const TrainingControl* control = nullptr);

}  // namespace binvit::train
