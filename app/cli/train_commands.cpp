// `binvit train`, `binvit eval`, `binvit launch`: the main job and its companions.
#include "app/cli/commands.h"
#include "app/cli/console_training_observer.h"
#include "core/data/data_config.h"
#include "core/inspect/confusion_image.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/classification_metrics.h"
#include "core/train/distributed.h"
#include "core/train/run_folder.h"
#include "core/train/segmentation_evaluation.h"
#include "core/train/stage_trainer.h"
#include "core/train/training_recipe.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <thread>

extern char** environ;

namespace binvit::cli {
namespace {

struct TrainOptions {
  std::string config_file;
  std::vector<std::string> overrides;
  std::string out;
  std::string resume;
  int world_size = 1;
  int rank = 0;
  std::string master = "127.0.0.1:29500";
  int timeout_seconds = 120;
  bool quiet = false;
};

volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) { interrupted = 1; }

// Ctrl-C asks the trainer to stop after the current batch (it saves `last`); a second Ctrl-C
// while it does keeps the default behaviour of ending the process.
class InterruptToStop {
 public:
  explicit InterruptToStop(train::TrainingControl& control) : control_(control) {
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    watcher_ = std::thread([this] {
      while (!done_.load()) {
        if (interrupted) {
          control_.request_stop();
          std::signal(SIGINT, SIG_DFL);
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
  }
  ~InterruptToStop() {
    done_.store(true);
    watcher_.join();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }

 private:
  train::TrainingControl& control_;
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the config file");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(path + ": not valid JSON: " + error.what());
  }
}

std::string default_run_folder(const std::string& recipe) {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  localtime_r(&now, &parts);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &parts);
  return "runs/" + std::string(stamp) + "-" + recipe;
}

// Confusion matrices as PNG; segmentation stages have none (the trainer writes their class-IoU
// CSV).
void write_reports(const train::TrainingOutcome& outcome, const std::filesystem::path& reports) {
  for (const auto& stage : outcome.stages) {
    if (stage.segmentation) continue;
    inspect::write_confusion_png(reports / (stage.stage + "-confusion.png"), stage.confusion,
                                 outcome.class_names);
  }
}

int run_train(const TrainOptions& o) {
  const bool demo = o.config_file.empty() && o.resume.empty();
  train::TrainConfig config =
      demo ? train::demo_train_config()
           : (o.config_file.empty() ? train::TrainConfig{}
                                    : train::train_config_from_json(read_json(o.config_file)));
  if (!o.config_file.empty() || demo) config = train::with_overrides(config, o.overrides);

  std::unique_ptr<train::DistributedContext> distributed;
  if (o.world_size > 1) {
    train::DistributedOptions d;
    d.rank = o.rank;
    d.world_size = o.world_size;
    d.timeout = std::chrono::seconds(o.timeout_seconds);
    train::parse_master_address(o.master, d);
    distributed = std::make_unique<train::DistributedContext>(d);
  }
  train::TrainingRunOptions run;
  run.resume = !o.resume.empty();
  run.run_folder =
      run.resume ? o.resume : (o.out.empty() ? default_run_folder(config.recipe) : o.out);
  std::filesystem::path scratch;
  if (distributed && distributed->rank() != 0) {
    scratch = std::filesystem::temp_directory_path() /
              ("binvit-rank" + std::to_string(o.rank) + "-" + std::to_string(getpid()));
    run.run_folder = scratch;
  }
  run.distributed = distributed.get();

  const bool quiet = o.quiet || (distributed && distributed->rank() != 0);
  // The banner describes the demo; `--set` may have turned it into another recipe or model.
  const bool still_the_demo =
      demo && config.recipe == "gsb-two-stage" && config.data.format == "fashion-mnist";
  if (still_the_demo && !quiet) {
    std::cout << "BinViT Studio demo: the GSB two-stage recipe (float teacher, stage 1, stage 2)\n"
              << "on Fashion-MNIST with model " << config.model.value("variant", "") << " ("
              << config.model.value("embed_dim", 0) << " wide, " << config.model.value("depth", 0)
              << " blocks, patch " << config.model.value("patch_size", 0) << ")\n";
  }
  ConsoleTrainingObserver observer(std::cout, quiet);
  train::TrainingControl control;
  InterruptToStop interrupt(control);
  const train::TrainingOutcome outcome = train::run_training(config, run, observer, control);
  if (distributed) distributed->barrier();
  if (!scratch.empty()) std::filesystem::remove_all(scratch);
  if (outcome.completed && scratch.empty()) write_reports(outcome, run.run_folder / "reports");
  if (quiet) return outcome.completed ? 0 : 3;
  if (!outcome.completed) {
    std::cout << "\nStopped. The run folder keeps the last checkpoint; continue with:\n  binvit "
                 "train --resume "
              << run.run_folder.string() << "\n";
    return 3;
  }
  std::cout << "\n"
            << train::format_outcome(outcome) << "Run folder: " << run.run_folder.string()
            << " (config.json, manifest.json, metrics.jsonl, checkpoints/, reports/)\n";
  return 0;
}

// A run folder's final stage's best checkpoint, or the file itself.
std::filesystem::path checkpoint_of(const std::filesystem::path& target) {
  if (!std::filesystem::is_directory(target)) return target;
  const train::RunFolder run = train::RunFolder::open(target);
  const train::TrainConfig config = train::train_config_from_json(run.config());
  const auto path = run.checkpoint(config.stage_names().back(), "best");
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(target.string() +
                             ": the run has no best checkpoint of its last "
                             "stage yet (" +
                             path.string() + ")");
  }
  return path;
}

struct EvalOptions {
  std::string target;
  std::string out;
  std::vector<std::string> overrides;  // data config overrides
};

// The data config of the run a checkpoint belongs to, else the default dataset fitted to the
// model's input; and where the reports go.
data::DataConfig eval_data_config(const EvalOptions& o, const std::filesystem::path& checkpoint,
                                  const nlohmann::json& model_config,
                                  std::filesystem::path& reports) {
  data::DataConfig data_config;
  const std::filesystem::path run_root = checkpoint.parent_path().parent_path().parent_path();
  reports = o.out;
  if (std::filesystem::exists(run_root / "config.json")) {
    const auto run = train::RunFolder::open(run_root);
    data_config = data::data_config_from_json(run.config().at("data"));
    if (reports.empty()) reports = run.reports();
  } else {
    data_config.image_size = model_config.value("image_size", 28);
    data_config.channels = model_config.value("in_channels", 1);
    if (reports.empty()) reports = ".";
  }
  data_config =
      data::data_config_from_json(nn::apply_overrides(data::to_json(data_config), o.overrides));
  data_config.train_limit = 1;  // only the evaluation part is read in full
  return data_config;
}

std::string report_stem(const std::filesystem::path& checkpoint) {
  return checkpoint.stem().string() == "best"
             ? checkpoint.parent_path().filename().string() + "-eval"
             : checkpoint.stem().string() + "-eval";
}

int run_segmentation_eval(const EvalOptions& o, const std::filesystem::path& checkpoint_path) {
  const train::SegmentationCheckpoint checkpoint =
      train::load_segmentation_checkpoint(checkpoint_path);
  std::filesystem::path reports;
  const data::DataConfig data_config =
      eval_data_config(o, checkpoint_path, checkpoint.config, reports);
  const data::SegmentationRunData data = data::open_segmentation_run_data(data_config, 0);
  std::cout << "Evaluating " << checkpoint_path.string() << " on " << data.eval->size() << " "
            << data.eval_name << " image/mask pairs\n";
  train::EvaluationOptions options;
  options.workers = data_config.workers;
  options.batch_size = 16;
  const train::SegmentationConfusion confusion =
      train::evaluate_segmentation(*checkpoint.model, *data.eval, data.eval_transform, options);
  const train::SegmentationScores scores = train::segmentation_scores(confusion);
  const auto& names = data.eval->class_names();
  std::cout << std::fixed << std::setprecision(2) << "mIoU " << 100 * scores.mean_iou
            << "%  pixel accuracy " << 100 * scores.pixel_accuracy << "%\nper-class IoU:\n";
  for (size_t c = 0; c < scores.iou.size(); ++c) {
    std::cout << "  " << std::left << std::setw(20) << names.at(c) << std::right << std::setw(7);
    if (std::isnan(scores.iou[c])) {
      std::cout << "-"
                << " (not in the labels, never predicted)\n";
    } else {
      std::cout << 100 * scores.iou[c] << "%\n";
    }
  }
  std::filesystem::create_directories(reports);
  const auto csv = reports / (report_stem(checkpoint_path) + "-class-iou.csv");
  train::write_class_iou_csv(csv, scores.iou, names);
  std::cout << "per-class IoU: " << csv.string() << "\n";
  return 0;
}

int run_eval(const EvalOptions& o) {
  const std::filesystem::path checkpoint_path = checkpoint_of(o.target);
  if (train::is_segmentation_checkpoint(checkpoint_path)) {
    return run_segmentation_eval(o, checkpoint_path);
  }
  train::Checkpoint checkpoint = train::load_checkpoint(checkpoint_path);
  std::filesystem::path reports;
  const data::DataConfig data_config =
      eval_data_config(o, checkpoint_path, checkpoint.config, reports);
  const data::RunData data = data::open_run_data(data_config, 0);
  std::cout << "Evaluating " << checkpoint_path.string() << " on " << data.eval->size() << " "
            << data.eval_name << " images\n";
  const train::ClassificationMetrics metrics =
      train::evaluate(*checkpoint.model, *data.eval, data.eval_transform, 256, data_config.workers);
  const auto& names = data.eval->class_names();
  std::cout << std::fixed << std::setprecision(2) << "top-1 " << 100 * metrics.top1() << "%  top-5 "
            << 100 * metrics.top5() << "%\nper class:\n";
  const auto accuracy = metrics.per_class_accuracy();
  for (size_t c = 0; c < accuracy.size(); ++c) {
    std::cout << "  " << std::left << std::setw(20) << names.at(c) << std::right << std::setw(7)
              << 100 * accuracy[c] << "%\n";
  }
  std::filesystem::create_directories(reports);
  const std::string stem = report_stem(checkpoint_path);
  metrics.write_confusion_csv(reports / (stem + "-confusion.csv"), names);
  inspect::write_confusion_png(reports / (stem + "-confusion.png"), metrics.confusion(), names);
  std::cout << "confusion matrix: " << (reports / (stem + "-confusion.csv")).string() << " and "
            << (reports / (stem + "-confusion.png")).string() << "\n";
  return 0;
}

struct LaunchOptions {
  int processes = 2;
  int port = 29500;
  std::vector<std::string> train_args;
};

// Starts N local `binvit train` processes, one per rank; if one fails the others are ended, so a
// crash never leaves peers waiting.
int run_launch(const LaunchOptions& o, const std::string& self) {
  std::vector<pid_t> children;
  for (int rank = 0; rank < o.processes; ++rank) {
    std::vector<std::string> args{self, "train"};
    args.insert(args.end(), o.train_args.begin(), o.train_args.end());
    for (const std::string& extra :
         {std::string("--world-size"), std::to_string(o.processes), std::string("--rank"),
          std::to_string(rank), std::string("--master"), "127.0.0.1:" + std::to_string(o.port)}) {
      args.push_back(extra);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, self.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
      for (pid_t child : children) kill(child, SIGTERM);
      throw std::runtime_error("cannot start rank " + std::to_string(rank) + " (" + self + ")");
    }
    children.push_back(pid);
  }
  int result = 0;
  for (size_t finished = 0; finished < children.size(); ++finished) {
    int status = 0;
    const pid_t pid = wait(&status);
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok && result == 0) {
      result = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
      std::cerr << "binvit launch: a rank (pid " << pid << ") failed; ending the others\n";
      for (pid_t child : children) {
        if (child != pid) kill(child, SIGTERM);
      }
    }
  }
  return result;
}

}  // namespace

std::string executable_path(const char* argv0) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string(argv0) : self.string();
}

void register_train_commands(CLI::App& app, Action& action, const std::string& self) {
  auto train_options = std::make_shared<TrainOptions>();
  CLI::App* train = app.add_subcommand(
      "train", "Train: with no arguments, the built-in demo (GSB two-stage on Fashion-MNIST)");
  train->add_option("-c,--config", train_options->config_file, "Training config (JSON)")
      ->check(CLI::ExistingFile);
  train->add_option("-s,--set", train_options->overrides,
                    "Override a config field: key=value, dotted keys for nested fields "
                    "(stages.stage2.epochs=3, model.embed_dim=96, data.train_limit=1000)");
  train->add_option("-o,--out", train_options->out, "Run folder (default runs/<time>-<recipe>)");
  train->add_option("--resume", train_options->resume, "Continue the run in this folder")
      ->check(CLI::ExistingDirectory);
  train->add_option("--world-size", train_options->world_size, "Processes in data-parallel runs")
      ->check(CLI::Range(1, 1024));
  train->add_option("--rank", train_options->rank, "This process's rank (0: writes the run)")
      ->check(CLI::NonNegativeNumber);
  train->add_option("--master", train_options->master, "HOST:PORT of rank 0's store");
  train
      ->add_option("--timeout", train_options->timeout_seconds,
                   "Seconds to wait for peers before a data-parallel run ends with an error")
      ->check(CLI::Range(1, 86400));
  train->add_flag("-q,--quiet", train_options->quiet, "Only errors");
  train->callback(
      [&action, train_options] { action = [train_options] { return run_train(*train_options); }; });

  auto eval_options = std::make_shared<EvalOptions>();
  CLI::App* eval = app.add_subcommand(
      "eval",
      "Top-1/top-5, per-class accuracy and the confusion matrix (CSV, PNG) of a run or "
      "checkpoint");
  eval->add_option("target", eval_options->target, "Run folder or checkpoint")->required();
  eval->add_option("-o,--out", eval_options->out, "Report folder (default: the run's reports/)");
  eval->add_option("-s,--set", eval_options->overrides,
                   "Override a data config field (format=cifar10, path=DIR, test_limit=500)");
  eval->callback(
      [&action, eval_options] { action = [eval_options] { return run_eval(*eval_options); }; });

  auto launch_options = std::make_shared<LaunchOptions>();
  CLI::App* launch = app.add_subcommand(
      "launch",
      "Start N local data-parallel training processes: binvit launch --nproc 2 -- "
      "--config run.json");
  launch->add_option("-n,--nproc", launch_options->processes, "Processes")
      ->check(CLI::Range(1, 64));
  launch->add_option("--port", launch_options->port, "Port of rank 0's store")
      ->check(CLI::Range(1, 65535));
  launch->add_option("train_args", launch_options->train_args, "Arguments for binvit train");
  launch->allow_extras(false);
  launch->callback([&action, launch_options, self] {
    action = [launch_options, self] { return run_launch(*launch_options, self); };
  });
}

}  // namespace binvit::cli
