#pragma once
// Prints a trainer's reports on a terminal: a progress bar with ETA rewritten in place (or, when
// the output is not a terminal, a line every tenth of an epoch), a line per evaluation.

#include "core/train/training_observer.h"

#include <chrono>
#include <iosfwd>

namespace binvit::cli {

class ConsoleTrainingObserver : public train::TrainingObserver {
 public:
  explicit ConsoleTrainingObserver(std::ostream& out, bool quiet = false);
  void on_progress(const train::TrainingProgress& progress) override;
  void on_metrics(const nlohmann::json& record) override;
  void on_stage_started(const std::string& stage, int index, int count) override;
  void on_log(const std::string& line) override;

 private:
  void end_bar();
  std::ostream& out_;
  bool quiet_;
  bool terminal_;
  bool bar_open_ = false;
  size_t last_tenth_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace binvit::cli
