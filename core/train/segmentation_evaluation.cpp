#include "core/train/segmentation_evaluation.h"

#include "core/data/data_loader.h"
#include "core/runtime/atomic_file.h"

#include <torch/torch.h>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace binvit::train {

void add_to_confusion(SegmentationConfusion& confusion, const torch::Tensor& logits,
                      const torch::Tensor& masks) {
  const int64_t classes = confusion.classes();
  const torch::Tensor predicted = logits.argmax(1).reshape(-1);
  const torch::Tensor truth = masks.reshape(-1).to(torch::kInt64);
  const torch::Tensor counted = truth != kIgnoreLabel;
  const torch::Tensor bad = counted & ((truth < 0) | (truth >= classes));
  if (bad.any().item<bool>()) {
    const int64_t value = truth.masked_select(bad)[0].item<int64_t>();
    throw std::invalid_argument("segmentation evaluation: a mask holds the value " +
                                std::to_string(value) + ", expected a class below " +
                                std::to_string(classes) + " or " + std::to_string(kIgnoreLabel));
  }
  // One bincount over truth * classes + predicted fills the whole matrix at once.
  const torch::Tensor pairs =
      truth.masked_select(counted) * classes + predicted.masked_select(counted);
  const torch::Tensor counts = torch::bincount(pairs, {}, classes * classes);
  const auto* c = counts.data_ptr<int64_t>();
  for (int64_t i = 0; i < classes * classes; ++i) {
    if (c[i] != 0)
      confusion.add(static_cast<int>(i / classes), static_cast<int>(i % classes), c[i]);
  }
}

SegmentationConfusion evaluate_segmentation(nn::SegmentationModel& model,
                                            const data::SegmentationDataset& dataset,
                                            const data::SegmentationTransformPtr& transform,
                                            const EvaluationOptions& options) {
  data::LoaderOptions loader_options;
  loader_options.batch_size = static_cast<size_t>(options.batch_size);
  loader_options.num_workers = options.workers;
  loader_options.shuffle = false;
  // The caller keeps the dataset alive for the call, so the loader need not own it.
  std::shared_ptr<const data::SegmentationDataset> view(&dataset,
                                                        [](const data::SegmentationDataset*) {});
  data::DataLoader loader(view, transform, loader_options);
  loader.start_epoch(0);
  SegmentationConfusion confusion(static_cast<int>(model.num_classes()));
  const bool was_training = model.is_training();
  model.eval();
  torch::NoGradGuard no_grad;
  while (auto batch = loader.next()) {
    if (options.control != nullptr && options.control->stop_requested()) break;
    add_to_confusion(confusion, model.forward(batch->images), batch->labels);
  }
  model.train(was_training);
  return confusion;
}

nlohmann::json segmentation_scores_json(const SegmentationConfusion& confusion, int64_t images) {
  const SegmentationScores scores = segmentation_scores(confusion);
  return {{"count", images},
          {"pixels", scores.pixels},
          {"miou", scores.mean_iou},
          {"pixel_accuracy", scores.pixel_accuracy},
          {"class_iou", class_iou_json(scores.iou)}};
}

nlohmann::json class_iou_json(const std::vector<double>& iou) {
  nlohmann::json values = nlohmann::json::array();
  for (double v : iou) values.push_back(std::isnan(v) ? nlohmann::json() : nlohmann::json(v));
  return values;
}

void write_class_iou_csv(const std::filesystem::path& path, const std::vector<double>& iou,
                         const std::vector<std::string>& class_names) {
  std::ostringstream csv;
  csv << "class,iou\n";
  for (size_t k = 0; k < iou.size(); ++k) {
    csv << (k < class_names.size() ? class_names[k] : std::to_string(k)) << ",";
    if (!std::isnan(iou[k])) csv << iou[k];
    csv << "\n";
  }
  runtime::write_file_atomically(path, csv.str());
}

}  // namespace binvit::train
