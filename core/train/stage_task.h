#pragma once
// What a stage trains, apart from the loop: the model and its data, the loss of a batch, the
// evaluation that decides the best epoch, and the checkpoints. Classification stages (scored by
// top-1) and segmentation stages (scored by mIoU) share the loop of stage_trainer.

#include "core/data/data_config.h"
#include "core/data/data_loader.h"
#include "core/data/segmentation_run_data.h"
#include "core/nn/models/classifier_model.h"
#include "core/nn/models/segmentation_model.h"
#include "core/train/losses.h"
#include "core/train/training_control.h"

#include <torch/optim/optimizer.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace binvit::train {

struct StageEvaluation {
  double score = 0;       // higher is better: top-1 or mIoU
  nlohmann::json record;  // the metrics, as metrics.jsonl stores them
};

struct EvaluationOptions {
  int64_t batch_size = 256;
  size_t workers = 2;
  const TrainingControl* control = nullptr;  // a stop ends the evaluation early
};

class StageTask {
 public:
  virtual ~StageTask() = default;
  virtual torch::nn::Module& model() = 0;
  // "top-1" or "mIoU", for log lines.
  virtual std::string score_name() const = 0;
  virtual size_t train_size() const = 0;
  virtual std::unique_ptr<data::DataLoader> train_loader(
      const data::LoaderOptions& options) const = 0;
  // The model in training mode (a teacher stays in evaluation mode).
  virtual void train_mode() = 0;
  // The loss of a training batch; `progress` is the share of the stage done.
  virtual LossParts loss(const data::Batch& batch, double progress) = 0;
  // One forward pass without gradients: quantizer scales initialise from their first batch.
  virtual void forward_once(const torch::Tensor& images) = 0;
  virtual StageEvaluation evaluate(const EvaluationOptions& options) = 0;
  virtual void save(const std::filesystem::path& path, const nlohmann::json& extra,
                    const torch::optim::Optimizer* optimizer) const = 0;
  // Loads every tensor of a checkpoint of this model (strict); throws naming the file.
  virtual void load_weights(const std::filesystem::path& path) = 0;
};

// Given the two heads, labels, the teacher's logits (undefined without a teacher) and progress.
using ClassificationLoss =
    std::function<LossParts(const nn::ClassifierOutput&, const torch::Tensor& labels,
                            const torch::Tensor& teacher_logits, double progress)>;
// Given per-pixel logits (N, classes, H, W), masks (N, H, W) and progress.
using SegmentationLoss = std::function<LossParts(const torch::Tensor& logits,
                                                 const torch::Tensor& masks, double progress)>;

// `data` must outlive the task.
std::shared_ptr<StageTask> classification_task(std::shared_ptr<nn::ClassifierModel> model,
                                               std::shared_ptr<nn::ClassifierModel> teacher,
                                               ClassificationLoss loss, const data::RunData& data);
std::shared_ptr<StageTask> segmentation_task(std::shared_ptr<nn::SegmentationModel> model,
                                             SegmentationLoss loss,
                                             const data::SegmentationRunData& data);

}  // namespace binvit::train
