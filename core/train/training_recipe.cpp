#include "core/train/training_recipe.h"

#include "core/data/data_config.h"
#include "core/nn/build_info.h"
#include "core/nn/io/model_weights.h"
#include "core/nn/io/state_transfer.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/atomic_file.h"
#include "core/train/checkpoint.h"
#include "core/train/classification_metrics.h"
#include "core/train/distributed.h"
#include "core/train/run_folder.h"
#include "core/train/segmentation_evaluation.h"
#include "core/train/stage_task.h"
#include "core/train/stage_trainer.h"

#include <torch/torch.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace binvit::train {
namespace {

nlohmann::json with_variant(nlohmann::json model, const std::string& variant) {
  model["variant"] = variant;
  return model;
}

std::string model_label(const nlohmann::json& model) {
  return model.value("variant", model.value("family", std::string("model")));
}

// The teacher for distillation: a trained one given by file, or the best of stage 0.
std::shared_ptr<nn::ClassifierModel> load_teacher(const TrainConfig& config, const RunFolder& run,
                                                  TrainingObserver& observer) {
  std::filesystem::path path = config.teacher_checkpoint;
  if (path.empty()) path = run.checkpoint("teacher", "best");
  std::shared_ptr<nn::ClassifierModel> teacher;
  if (path.extension() == ".safetensors") {
    const nlohmann::json teacher_config =
        config.teacher_model.is_null() ? with_variant(config.model, "float") : config.teacher_model;
    teacher = nn::build_model(teacher_config);
    nn::require_complete(nn::load_model_safetensors(path, *teacher), path.string());
  } else {
    teacher = load_checkpoint(path).model;
  }
  teacher->eval();
  for (auto& p : teacher->parameters()) p.set_requires_grad(false);
  observer.on_log("teacher: " + path.string());
  return teacher;
}

// "3 (a, b, c, ...)": enough to see what a hand-off did without flooding the log.
std::string brief(const std::vector<std::string>& names) {
  std::string text = std::to_string(names.size());
  if (names.empty()) return text;
  text += " (";
  for (size_t i = 0; i < names.size() && i < 3; ++i) text += (i ? ", " : "") + names[i];
  return text + (names.size() > 3 ? ", ...)" : ")");
}

using LossFunction = ClassificationLoss;

LossFunction distillation_loss(double weight) {
  return [weight](const nn::ClassifierOutput& out, const torch::Tensor& labels,
                  const torch::Tensor& teacher, double) {
    return hard_distillation_loss(out.logits, out.distillation_logits, labels, teacher, weight);
  };
}

LossFunction bhvit_recipe_loss(const BhvitLossConfig& config, nn::ClassifierModel& model) {
  BhvitLossWeights weights;
  weights.lambda = config.lambda;
  weights.beta = config.beta;
  weights.soft = config.kd == "soft";
  weights.temperature = config.temperature;
  weights.released = config.released;
  const double regularizer_from = config.released ? 0.0 : 1.0 - config.regularizer_fraction;
  return [weights, regularizer_from, &model](const nn::ClassifierOutput& out,
                                             const torch::Tensor& labels,
                                             const torch::Tensor& teacher, double progress) {
    BhvitLossWeights now = weights;
    torch::Tensor regularizer;
    if (progress >= regularizer_from) {
      regularizer = model.weight_oscillation_regularizer();
    } else {
      now.beta = 0;  // before its phase the regulariser's share goes to nobody
    }
    return bhvit_loss(out.logits, labels, teacher, regularizer, now);
  };
}

struct PlannedStage {
  std::string name;
  nlohmann::json model;
  bool needs_teacher = false;
  bool from_previous = false;  // initialised from the previous stage's best (GSB stage 2)
};

std::vector<PlannedStage> plan_stages(const TrainConfig& config) {
  std::vector<PlannedStage> stages;
  const nlohmann::json teacher =
      config.teacher_model.is_null() ? with_variant(config.model, "float") : config.teacher_model;
  const bool has_teacher_file = !config.teacher_checkpoint.empty();
  if (config.recipe == "gsb-two-stage") {
    if (!has_teacher_file) stages.push_back({"teacher", teacher, false, false});
    // Stage 1 fine-tunes the teacher when they share the architecture (the paper starts from a
    // trained float DeiT); only its weights of the same name and shape are taken.
    const bool from_teacher =
        config.stage1_from_teacher && !has_teacher_file && config.teacher_model.is_null();
    stages.push_back({"stage1", with_variant(config.model, "gsb-stage1"), true, from_teacher});
    stages.push_back({"stage2", config.model, true, true});
  } else if (config.recipe == "bhvit") {
    if (!has_teacher_file) stages.push_back({"teacher", teacher, false, false});
    stages.push_back({"single", config.model, true, false});
  } else {
    stages.push_back({"single", config.model, has_teacher_file, false});
  }
  return stages;
}

// The regulariser of 3.7 on the last fraction of the run (all of it with `released`), beside the
// per-pixel CE.
SegmentationLoss segmentation_recipe_loss(const BhvitLossConfig& config,
                                          nn::SegmentationModel& model) {
  const double regularizer_from = config.released ? 0.0 : 1.0 - config.regularizer_fraction;
  const double beta = config.beta;
  return [regularizer_from, beta, &model](const torch::Tensor& logits, const torch::Tensor& masks,
                                          double progress) {
    torch::Tensor regularizer;
    if (beta > 0 && progress >= regularizer_from) {
      regularizer = model.weight_oscillation_regularizer();
    }
    return segmentation_loss(logits, masks, regularizer, beta, kIgnoreLabel);
  };
}

StageOutcome outcome_of(const std::string& stage, const nlohmann::json& model_config,
                        const nn::ModelSummary& summary, const StageResult& result) {
  StageOutcome o;
  o.stage = stage;
  o.model = model_label(model_config);
  o.top1 = result.best_metrics.value("top1", 0.0);
  o.top5 = result.best_metrics.value("top5", 0.0);
  o.parameters = summary.total_parameters();
  o.float_bytes = summary.total_float_bytes();
  o.packed_bytes = summary.total_packed_bytes();
  o.ops = summary.total_ops();
  o.best_checkpoint = result.best_checkpoint;
  if (result.best_metrics.contains("confusion")) {
    result.best_metrics.at("confusion").get_to(o.confusion);
  }
  if (result.best_metrics.contains("miou")) {
    o.segmentation = true;
    o.miou = result.best_metrics.at("miou").get<double>();
    o.pixel_accuracy = result.best_metrics.at("pixel_accuracy").get<double>();
    for (const auto& iou : result.best_metrics.at("class_iou")) {
      o.class_iou.push_back(iou.is_null() ? std::numeric_limits<double>::quiet_NaN()
                                          : iou.get<double>());
    }
  }
  return o;
}

// The outcome file and the per-stage reports (confusion or per-class IoU) of a finished run.
void write_reports(const RunFolder& run, const TrainingOutcome& outcome) {
  runtime::write_file_atomically(run.reports() / "outcome.json", outcome.to_json().dump(2) + "\n");
  for (const auto& stage : outcome.stages) {
    if (stage.segmentation) {
      write_class_iou_csv(run.reports() / (stage.stage + "-class-iou.csv"), stage.class_iou,
                          outcome.class_names);
    } else {
      write_confusion_csv(run.reports() / (stage.stage + "-confusion.csv"), stage.confusion,
                          outcome.class_names);
    }
  }
}

TrainingOutcome run_segmentation(const TrainConfig& config, RunFolder& run,
                                 const TrainingRunOptions& options, TrainingObserver& observer,
                                 TrainingControl& control) {
  const data::SegmentationRunData data = data::open_segmentation_run_data(config.data, config.seed);
  const int64_t classes = config.model.value("num_classes", int64_t{0});
  if (classes != static_cast<int64_t>(data.train->class_names().size())) {
    throw std::invalid_argument("train config field 'model.num_classes' is " +
                                std::to_string(classes) + " but the dataset has " +
                                std::to_string(data.train->class_names().size()) + " classes");
  }
  observer.on_log("run folder: " + options.run_folder.string() + "; training on " +
                  std::to_string(data.train->size()) + " image/mask pairs, evaluating on " +
                  std::to_string(data.eval->size()) + " " + data.eval_name + " pairs");
  TrainingOutcome outcome;
  outcome.eval_name = data.eval_name;
  outcome.class_names = data.train->class_names();
  torch::manual_seed(config.seed);
  const std::shared_ptr<nn::SegmentationModel> model = nn::build_segmentation_model(config.model);
  StageSpec spec;
  spec.name = "single";
  spec.schedule = config.single;
  spec.task = segmentation_task(model, segmentation_recipe_loss(config.bhvit, *model), data);
  const StageContext context{config, run, data.eval_name, observer, control, options.distributed,
                             true};
  const StageResult result = run_stage(spec, context, options.resume);
  if (!result.completed) return outcome;
  outcome.stages.push_back(outcome_of(spec.name, config.model, model->summary(), result));
  outcome.completed = true;
  write_reports(run, outcome);
  return outcome;
}

}  // namespace

nlohmann::json TrainingOutcome::to_json() const {
  nlohmann::json stages_json = nlohmann::json::array();
  for (const auto& s : stages) {
    nlohmann::json stage = {{"stage", s.stage},
                            {"model", s.model},
                            {"parameters", s.parameters},
                            {"float_bytes", s.float_bytes},
                            {"packed_bytes", s.packed_bytes},
                            {"ops", s.ops},
                            {"best_checkpoint", s.best_checkpoint.string()}};
    if (s.segmentation) {
      stage.update({{"miou", s.miou},
                    {"pixel_accuracy", s.pixel_accuracy},
                    {"class_iou", class_iou_json(s.class_iou)}});
    } else {
      stage.update({{"top1", s.top1}, {"top5", s.top5}});
    }
    stages_json.push_back(stage);
  }
  return {{"completed", completed}, {"eval", eval_name}, {"stages", stages_json}};
}

namespace {

// "params  float32  packed  OPs" columns, shared by both tables.
void size_columns(std::ostream& out, const StageOutcome& s) {
  out << std::setw(11) << s.parameters << std::setw(9) << std::fixed << std::setprecision(1)
      << s.float_bytes / 1024.0 << " KiB" << std::setw(8) << s.packed_bytes / 1024.0 << " KiB"
      << std::setw(10) << std::setprecision(2) << s.ops / 1e6 << "M\n";
}

void size_header(std::ostream& out) {
  out << std::setw(11) << "params" << std::setw(12) << "float32" << std::setw(12) << "packed"
      << std::setw(11) << "OPs"
      << "\n";
}

// Per-class IoU lines, when there are few enough classes to read them.
void class_iou_lines(std::ostream& out, const StageOutcome& s,
                     const std::vector<std::string>& names) {
  constexpr size_t kListed = 32;
  if (s.class_iou.size() > kListed) {
    out << "(per-class IoU in reports/" << s.stage << "-class-iou.csv)\n";
    return;
  }
  out << "per-class IoU:";
  for (size_t k = 0; k < s.class_iou.size(); ++k) {
    out << (k % 6 == 0 ? "\n  " : "  ") << (k < names.size() ? names[k] : std::to_string(k)) << " ";
    if (std::isnan(s.class_iou[k])) {
      out << "-";
    } else {
      out << std::fixed << std::setprecision(1) << 100 * s.class_iou[k] << "%";
    }
  }
  out << "\n";
}

}  // namespace

std::string format_outcome(const TrainingOutcome& outcome) {
  std::ostringstream out;
  const bool segmentation = !outcome.stages.empty() && outcome.stages.front().segmentation;
  out << std::left << std::setw(9) << "stage" << std::setw(12) << "model" << std::right;
  if (segmentation) {
    out << std::setw(8) << "mIoU" << std::setw(10) << "pixel acc";
  } else {
    out << std::setw(8) << "top-1" << std::setw(8) << "top-5";
  }
  size_header(out);
  for (const auto& s : outcome.stages) {
    out << std::left << std::setw(9) << s.stage << std::setw(12) << s.model << std::right
        << std::fixed << std::setprecision(2);
    if (segmentation) {
      out << std::setw(7) << 100 * s.miou << "%" << std::setw(9) << 100 * s.pixel_accuracy << "%";
    } else {
      out << std::setw(7) << 100 * s.top1 << "%" << std::setw(7) << 100 * s.top5 << "%";
    }
    size_columns(out, s);
  }
  if (segmentation) {
    out << "(scores on the " << outcome.eval_name
        << " pairs at the best epoch; OPs = FLOPs + BOPs/64)\n";
    for (const auto& s : outcome.stages) class_iou_lines(out, s, outcome.class_names);
  } else {
    out << "(accuracy on the " << outcome.eval_name
        << " set at each stage's best epoch; OPs = FLOPs + BOPs/64, 8-bit layers at full FLOPs)\n";
  }
  return out.str();
}

TrainingOutcome run_training(const TrainConfig& given, const TrainingRunOptions& options,
                             TrainingObserver& observer, TrainingControl& control) {
  TrainConfig config = given;
  std::unique_ptr<RunFolder> run;
  if (options.resume) {
    run = std::make_unique<RunFolder>(RunFolder::open(options.run_folder));
    config = train_config_from_json(run->config());
  } else {
    run = std::make_unique<RunFolder>(
        RunFolder::create(options.run_folder, to_json(config), run_manifest(config.seed)));
  }
  nn::set_intra_op_threads(config.threads);
  torch::manual_seed(config.seed);
  if (config.recipe == "segmentation") {
    return run_segmentation(config, *run, options, observer, control);
  }
  const data::RunData data = data::open_run_data(config.data, config.seed);
  const int64_t classes = config.model.value("num_classes", int64_t{0});
  if (classes != static_cast<int64_t>(data.train->num_classes())) {
    throw std::invalid_argument("train config field 'model.num_classes' is " +
                                std::to_string(classes) + " but the dataset has " +
                                std::to_string(data.train->num_classes()) + " classes");
  }
  observer.on_log("run folder: " + options.run_folder.string() + "; training on " +
                  std::to_string(data.train->size()) + " images, evaluating on " +
                  std::to_string(data.eval->size()) + " " + data.eval_name + " images");

  TrainingOutcome outcome;
  outcome.eval_name = data.eval_name;
  outcome.class_names = data.eval->class_names();
  const std::vector<PlannedStage> stages = plan_stages(config);
  std::shared_ptr<nn::ClassifierModel> teacher;
  std::filesystem::path previous_best;
  StageContext context{config, *run, data.eval_name, observer, control, options.distributed, true};
  for (size_t i = 0; i < stages.size(); ++i) {
    const PlannedStage& planned = stages[i];
    StageSpec spec;
    spec.name = planned.name;
    spec.index = static_cast<int>(i);
    spec.count = static_cast<int>(stages.size());
    spec.schedule = config.stage(planned.name);
    torch::manual_seed(config.seed + i);  // each stage's initialisation is reproducible alone
    const std::shared_ptr<nn::ClassifierModel> model = nn::build_model(planned.model);
    std::shared_ptr<nn::ClassifierModel> stage_teacher;
    if (planned.needs_teacher) {
      if (!teacher) teacher = load_teacher(config, *run, observer);
      stage_teacher = teacher;
    }
    if (planned.from_previous) {
      const Checkpoint previous = load_checkpoint(previous_best);
      const nn::LoadReport report =
          nn::load_named_tensors(*model, nn::named_state(*previous.model));
      observer.on_log("[" + spec.name + "] initialised from " + previous_best.string() + ": " +
                      std::to_string(report.loaded.size()) + " tensors loaded; newly initialised " +
                      brief(report.missing) + "; skipped " + brief(report.unexpected) +
                      "; shape mismatches " + brief(report.mismatched));
    }
    LossFunction loss = config.recipe == "bhvit" && planned.name == "single"
                            ? bhvit_recipe_loss(config.bhvit, *model)
                            : distillation_loss(config.distillation_weight);
    spec.task = classification_task(model, stage_teacher, std::move(loss), data);
    const StageResult result = run_stage(spec, context, options.resume);
    if (!result.completed) return outcome;
    outcome.stages.push_back(outcome_of(planned.name, planned.model, model->summary(), result));
    previous_best = result.best_checkpoint;
  }
  outcome.completed = true;
  write_reports(*run, outcome);
  return outcome;
}

}  // namespace binvit::train
