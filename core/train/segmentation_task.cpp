// The segmentation side of a stage: a segmentation model on image/mask pairs, scored by mIoU.
// There is no teacher: the released BHViT segmentation recipe trains with per-pixel CE alone.
#include "core/nn/io/state_transfer.h"
#include "core/train/checkpoint.h"
#include "core/train/segmentation_evaluation.h"
#include "core/train/stage_task.h"

#include <torch/torch.h>

namespace binvit::train {
namespace {

class SegmentationTask : public StageTask {
 public:
  SegmentationTask(std::shared_ptr<nn::SegmentationModel> model, SegmentationLoss loss,
                   const data::SegmentationRunData& data)
      : model_(std::move(model)), loss_(std::move(loss)), data_(data) {}

  torch::nn::Module& model() override { return *model_; }
  std::string score_name() const override { return "mIoU"; }
  size_t train_size() const override { return data_.train->size(); }

  std::unique_ptr<data::DataLoader> train_loader(
      const data::LoaderOptions& options) const override {
    return std::make_unique<data::DataLoader>(data_.train, data_.train_transform, options);
  }

  void train_mode() override { model_->train(); }

  LossParts loss(const data::Batch& batch, double progress) override {
    return loss_(model_->forward(batch.images), batch.labels, progress);
  }

  void forward_once(const torch::Tensor& images) override {
    torch::NoGradGuard no_grad;
    model_->forward(images);
  }

  StageEvaluation evaluate(const EvaluationOptions& options) override {
    const SegmentationConfusion confusion =
        evaluate_segmentation(*model_, *data_.eval, data_.eval_transform, options);
    nlohmann::json record =
        segmentation_scores_json(confusion, static_cast<int64_t>(data_.eval->size()));
    return {record.at("miou").get<double>(), record};
  }

  void save(const std::filesystem::path& path, const nlohmann::json& extra,
            const torch::optim::Optimizer* optimizer) const override {
    save_checkpoint(path, *model_, extra, optimizer);
  }

  void load_weights(const std::filesystem::path& path) override {
    const SegmentationCheckpoint checkpoint = load_segmentation_checkpoint(path);
    nn::require_complete(nn::load_named_tensors(*model_, nn::named_state(*checkpoint.model)),
                         path.string());
  }

 private:
  std::shared_ptr<nn::SegmentationModel> model_;
  SegmentationLoss loss_;
  const data::SegmentationRunData& data_;
};

}  // namespace

std::shared_ptr<StageTask> segmentation_task(std::shared_ptr<nn::SegmentationModel> model,
                                             SegmentationLoss loss,
                                             const data::SegmentationRunData& data) {
  return std::make_shared<SegmentationTask>(std::move(model), std::move(loss), data);
}

}  // namespace binvit::train
