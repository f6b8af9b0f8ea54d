#include "core/train/stage_trainer.h"

#include "core/data/data_loader.h"
#include "core/nn/io/state_transfer.h"
#include "core/train/checkpoint.h"
#include "core/train/distributed.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer_setup.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>

namespace binvit::train {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Where a stage is: the checkpoint's `extra`, so a resumed stage continues exactly there.
struct StagePosition {
  int64_t epoch = 0;              // the epoch to run next (or being run when `batch` > 0)
  size_t batch = 0;               // batches of `epoch` already trained
  int64_t step = 0;               // optimizer steps of the stage so far
  double best_score = -1;         // top-1 or mIoU of the best evaluation
  int64_t stale_evaluations = 0;  // evaluations since the best one
  nlohmann::json best_metrics;
  bool finished = false;

  nlohmann::json to_json(const std::string& stage, int stage_index) const {
    return {{"stage", stage},
            {"stage_index", stage_index},
            {"epoch", epoch},
            {"batch", batch},
            {"step", step},
            {"best_score", best_score},
            {"stale_evaluations", stale_evaluations},
            {"best_metrics", best_metrics},
            {"finished", finished}};
  }
  static StagePosition from_json(const nlohmann::json& j) {
    StagePosition p;
    p.epoch = j.at("epoch").get<int64_t>();
    p.batch = j.at("batch").get<size_t>();
    p.step = j.at("step").get<int64_t>();
    // Checkpoints written before segmentation stages named the score after top-1.
    p.best_score = j.contains("best_score") ? j.at("best_score").get<double>()
                                            : j.at("best_top1").get<double>();
    p.stale_evaluations = j.at("stale_evaluations").get<int64_t>();
    p.best_metrics = j.at("best_metrics");
    p.finished = j.value("finished", false);
    return p;
  }
};

double finite_or_zero(const torch::Tensor& t) { return t.defined() ? t.item<double>() : 0.0; }

class StageRunner {
 public:
  StageRunner(StageSpec& spec, const StageContext& context)
      : spec_(spec), ctx_(context), schedule_config_(spec.schedule) {
    data::LoaderOptions options;
    options.batch_size = static_cast<size_t>(ctx_.config.batch_size);
    options.num_workers = ctx_.config.data.workers;
    options.shuffle = true;
    options.drop_last = true;  // a tiny last batch would skew BatchNorm and batch-scope thresholds
    options.seed = ctx_.config.seed;
    if (ctx_.distributed != nullptr) {
      options.rank = static_cast<size_t>(ctx_.distributed->rank());
      options.world_size = static_cast<size_t>(ctx_.distributed->world_size());
    }
    StageTask& task = *spec_.task;
    loader_ = task.train_loader(options);
    // Known from the plan alone; starting an epoch here would decode batches nobody uses.
    batches_ =
        data::epoch_order(task.train_size(), options, 0).size() / options.batch_size;  // drop_last
    if (batches_ == 0) {
      throw std::invalid_argument("stage " + spec_.name + ": the training set (" +
                                  std::to_string(task.train_size()) +
                                  " items) is smaller than one batch (" +
                                  std::to_string(options.batch_size) + " per rank)");
    }
    const int64_t world = ctx_.distributed ? ctx_.distributed->world_size() : 1;
    const double lr =
        schedule_config_.lr_per_512 * static_cast<double>(ctx_.config.batch_size * world) / 512.0;
    schedule_.base_lr = lr;
    schedule_.min_lr = std::min(schedule_config_.min_lr, lr);
    schedule_.total_steps = schedule_config_.epochs * static_cast<int64_t>(batches_);
    schedule_.warmup_steps =
        static_cast<int64_t>(std::llround(schedule_config_.warmup_epochs * batches_));
    optimizer_ = make_adamw(task.model(), lr, schedule_config_.weight_decay);
  }

  StageResult run(bool resume) {
    if (resume) try_resume();
    if (position_.finished) return result();
    if (ctx_.distributed != nullptr && position_.step == 0) synchronise_initial_state();
    ctx_.observer.on_stage_started(spec_.name, spec_.index, spec_.count);
    stage_start_ = Clock::now();
    steps_at_start_ = position_.step;
    for (; position_.epoch < schedule_config_.epochs; ++position_.epoch, position_.batch = 0) {
      if (!train_epoch()) return result();
      if (!evaluate_epoch()) break;  // early stop
    }
    position_.finished = true;
    save("last");
    return result();
  }

 private:
  StageResult result() const {
    StageResult r;
    r.completed = position_.finished;
    r.best_score = position_.best_score;
    r.best_metrics = position_.best_metrics;
    r.best_checkpoint = ctx_.run.checkpoint(spec_.name, "best");
    return r;
  }

  void log(const std::string& line) { ctx_.observer.on_log("[" + spec_.name + "] " + line); }

  void try_resume() {
    for (const char* which : {"last", "previous"}) {
      const auto path = ctx_.run.checkpoint(spec_.name, which);
      if (!std::filesystem::exists(path)) continue;
      try {
        spec_.task->load_weights(path);
        load_training_state(path, *optimizer_);
        position_ = StagePosition::from_json(read_checkpoint_extra(path));
        log("resumed from " + path.string() + " at epoch " + std::to_string(position_.epoch + 1) +
            ", batch " + std::to_string(position_.batch) + ", step " +
            std::to_string(position_.step));
        // A finished stage's records are complete; later stages own the records after them.
        if (ctx_.writes_run && !position_.finished) {
          ctx_.run.truncate_metrics(spec_.index, position_.step);
        }
        return;
      } catch (const std::exception& error) {
        log(std::string("cannot resume from ") + which + " checkpoint: " + error.what());
      }
    }
    if (ctx_.writes_run) ctx_.run.truncate_metrics(spec_.index, 0);
  }

  // Every rank must start from rank 0's weights, including the scales that quantizers set from
  // their first batch: one forward pass initialises them, then rank 0's state is broadcast.
  void synchronise_initial_state() {
    loader_->start_epoch(0);
    if (auto batch = loader_->next()) spec_.task->forward_once(batch->images);
    ctx_.distributed->broadcast_state(spec_.task->model());
  }

  // Returns false when a stop was requested (the position is saved in `last`).
  bool train_epoch() {
    spec_.task->train_mode();
    loader_->start_epoch(static_cast<uint64_t>(position_.epoch), position_.batch);
    const auto epoch_start = Clock::now();
    double loss_sum = 0;
    size_t images = 0;
    size_t batches_run = 0;
    while (true) {
      ctx_.control.wait_while_paused();
      if (ctx_.control.stop_requested()) {
        log("stopped at epoch " + std::to_string(position_.epoch + 1) + ", batch " +
            std::to_string(position_.batch));
        save("last");
        return false;
      }
      std::optional<data::Batch> batch = loader_->next();
      if (!batch) break;
      const LossParts loss = train_step(*batch);
      loss_sum += loss.total.item<double>();
      images += static_cast<size_t>(batch->images.size(0));
      ++batches_run;
      ++position_.batch;
      ++position_.step;
      report_step(loss, loss_sum / batches_run, images / seconds_since(epoch_start));
    }
    last_train_loss_ = batches_run ? loss_sum / batches_run : 0.0;
    last_images_per_second_ = images / std::max(1e-9, seconds_since(epoch_start));
    return true;
  }

  LossParts train_step(const data::Batch& batch) {
    const double progress =
        static_cast<double>(position_.step) / std::max<int64_t>(1, schedule_.total_steps);
    set_learning_rate(*optimizer_, schedule_.at(position_.step));
    LossParts loss = spec_.task->loss(batch, progress);
    const double value = loss.total.item<double>();
    if (!std::isfinite(value)) {
      const auto kept = ctx_.run.checkpoint(spec_.name, "last");
      throw TrainingError("stage " + spec_.name + ", epoch " + std::to_string(position_.epoch + 1) +
                          ", batch " + std::to_string(position_.batch + 1) + ": the loss is " +
                          std::to_string(value) + "; the stage stopped. " +
                          (std::filesystem::exists(kept)
                               ? "The last good checkpoint is kept: " + kept.string()
                               : std::string("No checkpoint was written yet.")) +
                          " Try a lower lr_per_512 or grad_clip.");
    }
    optimizer_->zero_grad();
    loss.total.backward();
    if (ctx_.distributed != nullptr) ctx_.distributed->average_gradients(spec_.task->model());
    if (schedule_config_.grad_clip > 0) {
      torch::nn::utils::clip_grad_norm_(spec_.task->model().parameters(),
                                        schedule_config_.grad_clip);
    }
    optimizer_->step();
    return loss;
  }

  void report_step(const LossParts& loss, double mean_loss, double images_per_second) {
    TrainingProgress progress;
    progress.stage = spec_.name;
    progress.stage_index = spec_.index;
    progress.stage_count = spec_.count;
    progress.epoch = position_.epoch;
    progress.epochs = schedule_config_.epochs;
    progress.batch = position_.batch;
    progress.batches = batches_;
    progress.loss = mean_loss;
    progress.images_per_second = images_per_second;
    const int64_t done = position_.step - steps_at_start_;
    const int64_t left = schedule_.total_steps - position_.step;
    progress.eta_seconds = done > 0 ? seconds_since(stage_start_) / done * left : 0.0;
    ctx_.observer.on_progress(progress);
    if (position_.step % ctx_.config.log_every != 0) return;
    nlohmann::json record = {{"type", "step"},
                             {"stage", spec_.name},
                             {"stage_index", spec_.index},
                             {"epoch", position_.epoch},
                             {"step", position_.step},
                             {"loss", loss.total.item<double>()},
                             {"ce", finite_or_zero(loss.ce)},
                             {"distill", finite_or_zero(loss.distill)},
                             {"regularizer", finite_or_zero(loss.regularizer)},
                             {"lr", schedule_.at(position_.step - 1)},
                             {"images_per_second", images_per_second},
                             {"time", seconds_since(stage_start_)}};
    publish(record);
  }

  void publish(const nlohmann::json& record) {
    if (ctx_.writes_run) ctx_.run.append_metrics(record);
    ctx_.observer.on_metrics(record);
  }

  // Returns false when early stopping ends the stage.
  bool evaluate_epoch() {
    const auto start = Clock::now();
    EvaluationOptions options;
    options.batch_size = ctx_.config.eval_batch_size;
    options.workers = ctx_.config.data.workers;
    StageEvaluation evaluation = spec_.task->evaluate(options);
    const bool better = evaluation.score > position_.best_score;
    nlohmann::json record = std::move(evaluation.record);
    record.update({{"type", "epoch"},
                   {"stage", spec_.name},
                   {"stage_index", spec_.index},
                   {"epoch", position_.epoch},
                   {"step", position_.step},
                   {"eval", ctx_.eval_name},
                   {"score", evaluation.score},
                   {"train_loss", last_train_loss_},
                   {"lr", schedule_.at(std::max<int64_t>(0, position_.step - 1))},
                   {"images_per_second", last_images_per_second_},
                   {"eval_seconds", seconds_since(start)},
                   {"time", seconds_since(stage_start_)}});
    if (better) {
      position_.best_score = evaluation.score;
      position_.best_metrics = record;
      position_.stale_evaluations = 0;
    } else {
      ++position_.stale_evaluations;
    }
    record["best_score"] = position_.best_score;
    if (record.contains("top1")) record["best_top1"] = position_.best_score;
    publish(record);
    const bool early_stop =
        schedule_config_.patience > 0 && position_.stale_evaluations >= schedule_config_.patience;
    if (early_stop) {
      log("early stop: no better " + ctx_.eval_name + " " + spec_.task->score_name() + " for " +
          std::to_string(position_.stale_evaluations) + " evaluations");
    }
    // The next epoch is where a resume starts.
    ++position_.epoch;
    position_.batch = 0;
    if (better) save("best");
    save("last");
    --position_.epoch;
    return !early_stop;
  }

  void save(const std::string& which) {
    if (!ctx_.writes_run) return;
    const auto path = ctx_.run.checkpoint(spec_.name, which);
    std::filesystem::create_directories(path.parent_path());
    if (which == "last" && std::filesystem::exists(path)) {
      // The previous `last` stays until the new one is complete: if the new one is found
      // unreadable later, resume falls back to it.
      std::filesystem::rename(path, ctx_.run.checkpoint(spec_.name, "previous"));
    }
    spec_.task->save(path, position_.to_json(spec_.name, spec_.index),
                     which == "last" ? optimizer_.get() : nullptr);
    ctx_.observer.on_checkpoint_saved(path);
  }

  StageSpec& spec_;
  const StageContext& ctx_;
  StageConfig schedule_config_;
  CosineSchedule schedule_;
  std::unique_ptr<data::DataLoader> loader_;
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  size_t batches_ = 0;
  StagePosition position_;
  Clock::time_point stage_start_;
  int64_t steps_at_start_ = 0;
  double last_train_loss_ = 0;
  double last_images_per_second_ = 0;
};

}  // namespace

StageResult run_stage(StageSpec& spec, const StageContext& context, bool resume) {
  StageRunner runner(spec, context);
  return runner.run(resume);
}

ClassificationMetrics evaluate(nn::ClassifierModel& model, const data::Dataset& dataset,
                               const data::TransformPtr& transform, int64_t batch_size,
                               size_t workers, const TrainingControl* control) {
  data::LoaderOptions options;
  options.batch_size = static_cast<size_t>(batch_size);
  options.num_workers = workers;
  options.shuffle = false;
  // The loader shares ownership; the dataset outlives this call, so a non-owning pointer is safe.
  std::shared_ptr<const data::Dataset> view(&dataset, [](const data::Dataset*) {});
  data::DataLoader loader(view, transform, options);
  loader.start_epoch(0);
  ClassificationMetrics metrics(static_cast<int64_t>(dataset.num_classes()));
  const bool was_training = model.is_training();
  model.eval();
  torch::NoGradGuard no_grad;
  while (auto batch = loader.next()) {
    if (control != nullptr && control->stop_requested()) break;
    metrics.add(model.forward(batch->images), batch->labels);
  }
  model.train(was_training);
  return metrics;
}

}  // namespace binvit::train
