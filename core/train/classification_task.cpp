// The classification side of a stage: a classifier (DeiT/GSB/BHViT), an optional frozen teacher
// whose logits feed the distillation loss, and top-1 as the score.
#include "core/nn/io/state_transfer.h"
#include "core/train/checkpoint.h"
#include "core/train/stage_task.h"
#include "core/train/stage_trainer.h"

#include <torch/torch.h>

namespace binvit::train {
namespace {

class ClassificationTask : public StageTask {
 public:
  ClassificationTask(std::shared_ptr<nn::ClassifierModel> model,
                     std::shared_ptr<nn::ClassifierModel> teacher, ClassificationLoss loss,
                     const data::RunData& data)
      : model_(std::move(model)),
        teacher_(std::move(teacher)),
        loss_(std::move(loss)),
        data_(data) {}

  torch::nn::Module& model() override { return *model_; }
  std::string score_name() const override { return "top-1"; }
  size_t train_size() const override { return data_.train->size(); }

  std::unique_ptr<data::DataLoader> train_loader(
      const data::LoaderOptions& options) const override {
    return std::make_unique<data::DataLoader>(data_.train, data_.train_transform, options);
  }

  void train_mode() override {
    model_->train();
    if (teacher_) teacher_->eval();
  }

  LossParts loss(const data::Batch& batch, double progress) override {
    torch::Tensor teacher_logits;
    if (teacher_) {
      torch::NoGradGuard no_grad;
      teacher_logits = teacher_->forward(batch.images);
    }
    return loss_(model_->forward_heads(batch.images), batch.labels, teacher_logits, progress);
  }

  void forward_once(const torch::Tensor& images) override {
    torch::NoGradGuard no_grad;
    model_->forward_heads(images);
  }

  StageEvaluation evaluate(const EvaluationOptions& options) override {
    const ClassificationMetrics metrics =
        train::evaluate(*model_, *data_.eval, data_.eval_transform, options.batch_size,
                        options.workers, options.control);
    return {metrics.top1(), metrics.to_json()};
  }

  void save(const std::filesystem::path& path, const nlohmann::json& extra,
            const torch::optim::Optimizer* optimizer) const override {
    save_checkpoint(path, *model_, extra, optimizer);
  }

  void load_weights(const std::filesystem::path& path) override {
    const Checkpoint checkpoint = load_checkpoint(path);
    nn::require_complete(nn::load_named_tensors(*model_, nn::named_state(*checkpoint.model)),
                         path.string());
  }

 private:
  std::shared_ptr<nn::ClassifierModel> model_;
  std::shared_ptr<nn::ClassifierModel> teacher_;
  ClassificationLoss loss_;
  const data::RunData& data_;
};

}  // namespace

std::shared_ptr<StageTask> classification_task(std::shared_ptr<nn::ClassifierModel> model,
                                               std::shared_ptr<nn::ClassifierModel> teacher,
                                               ClassificationLoss loss, const data::RunData& data) {
  return std::make_shared<ClassificationTask>(std::move(model), std::move(teacher), std::move(loss),
                                              data);
}

}  // namespace binvit::train
