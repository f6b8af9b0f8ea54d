#pragma once
// How a trainer reports: the CLI prints, the GUI turns the calls into queued Qt signals. Calls come
// from the training thread; implementations must not block it for long.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace binvit::train {

struct TrainingProgress {
  std::string stage;
  int stage_index = 0;  // 0-based, of stage_count
  int stage_count = 1;
  int64_t epoch = 0;    // 0-based, of epochs
  int64_t epochs = 0;
  size_t batch = 0;     // batches done in this epoch, of batches
  size_t batches = 0;
  double loss = 0;               // running mean over the epoch so far
  double images_per_second = 0;  // over the epoch so far
  double eta_seconds = 0;        // for the rest of the stage
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void on_progress(const TrainingProgress&) {}
  // One metrics.jsonl record: a logged step or an epoch's evaluation.
  virtual void on_metrics(const nlohmann::json&) {}
  virtual void on_stage_started(const std::string& /*stage*/, int /*index*/, int /*count*/) {}
  virtual void on_log(const std::string&) {}
  virtual void on_checkpoint_saved(const std::filesystem::path&) {}
};

}  // namespace binvit::train
