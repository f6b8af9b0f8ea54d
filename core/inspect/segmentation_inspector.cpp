#include "core/inspect/segmentation_inspector.h"

#include "core/data/data_config.h"
#include "core/data/data_loader.h"
#include "core/data/segmentation_run_data.h"
#include "core/data/transforms/segmentation_transforms.h"
#include "core/inspect/inspect_input.h"
#include "core/inspect/segmentation_overlay.h"
#include "core/train/checkpoint.h"
#include "core/train/segmentation_metrics.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace binvit::inspect {
namespace fs = std::filesystem;

struct SegmentationInspector::Impl {
  train::SegmentationCheckpoint checkpoint;
  SegmentationModelInfo info;
  std::shared_ptr<const data::SegmentationTransform> resize;
  std::shared_ptr<const data::Transform> normalize;
};

namespace {

fs::path checkpoint_of(const fs::path& path) {
  return fs::is_directory(path) ? find_run_checkpoints(path).student : path;
}

cv::Mat to_labels(const torch::Tensor& labels) {
  const torch::Tensor as_int = labels.to(torch::kInt32).contiguous();
  return cv::Mat(static_cast<int>(as_int.size(0)), static_cast<int>(as_int.size(1)), CV_32SC1,
                 as_int.data_ptr<int32_t>())
      .clone();
}

}  // namespace

bool SegmentationInspector::holds_segmentation_model(const fs::path& path) {
  return train::is_segmentation_checkpoint(checkpoint_of(path));
}

SegmentationInspector SegmentationInspector::open(const fs::path& path) {
  const fs::path checkpoint = checkpoint_of(path);
  if (!fs::is_regular_file(checkpoint)) {
    throw std::runtime_error(checkpoint.string() + ": no such checkpoint file");
  }
  auto impl = std::make_unique<Impl>();
  impl->checkpoint = train::load_segmentation_checkpoint(checkpoint);
  SegmentationModelInfo& info = impl->info;
  info.checkpoint = checkpoint;
  info.run_folder = train::run_folder_of(checkpoint);
  const std::vector<int64_t> shape = impl->checkpoint.model->input_shape();
  const int64_t classes = impl->checkpoint.model->num_classes();
  Preprocessing& pre = info.preprocessing;
  pre.channels = static_cast<int>(shape.at(0));
  pre.image_size = static_cast<int>(shape.at(1));

  const std::optional<data::DataConfig> run_data = train::read_run_data_config(info.run_folder);
  const data::DataConfig data_config = run_data.value_or(data::DataConfig{});
  pre.from_run = run_data.has_value();
  if (run_data) info.dataset_json = data::to_json(*run_data).dump();
  pre.mean = fitted_to_channels(data_config.mean, pre.channels);
  pre.std = fitted_to_channels(data_config.std, pre.channels);
  if (pre.from_run) {
    std::string why;
    info.class_names = train::run_class_names(data_config, classes, why);
    if (info.class_names.empty()) {
      info.notes.push_back("class names are numbered: " + why);
      info.class_names = numbered_class_names(classes);
    }
  } else {
    info.class_names = numbered_class_names(classes);
    info.notes.push_back(
        "the checkpoint is not inside a run folder: default mean/std and "
        "numbered classes");
  }

  impl->resize = std::make_shared<data::PairResize>(cv::Size(pre.image_size, pre.image_size));
  impl->normalize = data::segmentation_image_transforms(pre.channels, pre.mean, pre.std);

  const std::string source = info.run_folder.empty()
                                 ? checkpoint.filename().string()
                                 : info.run_folder.filename().string() + "/" +
                                       checkpoint.parent_path().filename().string() + "/" +
                                       checkpoint.filename().string();
  info.model_name = impl->checkpoint.config.value("family", std::string("segmentation")) + " " +
                    std::to_string(pre.image_size) + " px, " + std::to_string(classes) +
                    " classes (" + source + ")";
  return SegmentationInspector(std::move(impl));
}

SegmentationInspector::SegmentationInspector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SegmentationInspector::SegmentationInspector(SegmentationInspector&&) noexcept = default;
SegmentationInspector& SegmentationInspector::operator=(SegmentationInspector&&) noexcept = default;
SegmentationInspector::~SegmentationInspector() = default;

const SegmentationModelInfo& SegmentationInspector::info() const { return impl_->info; }

SegmentationInspection SegmentationInspector::inspect(const cv::Mat& image,
                                                      const cv::Mat& mask) const {
  const Impl& m = *impl_;
  const cv::Mat coloured = to_model_colour(image, m.info.preprocessing.channels);
  if (!mask.empty() && (mask.size() != coloured.size() || mask.type() != CV_8UC1)) {
    throw std::invalid_argument(
        "inspect: the mask must be 8-bit single-channel of the image's "
        "size " +
        std::to_string(coloured.cols) + "x" + std::to_string(coloured.rows));
  }
  data::Rng rng(0);  // the eval transforms draw nothing
  data::SegmentationSample sample;
  sample.image = coloured;
  sample.mask = mask.empty() ? cv::Mat(coloured.size(), CV_8UC1, cv::Scalar(0)) : mask;
  const data::SegmentationSample resized = m.resize->apply(sample, rng);

  SegmentationInspection result;
  result.model_input = resized.image;
  const torch::Tensor input =
      data::image_to_tensor(m.normalize->apply(resized.image, rng)).unsqueeze(0);
  nn::SegmentationModel& model = *m.checkpoint.model;
  torch::Tensor logits;
  {
    torch::NoGradGuard no_grad;
    model.eval();
    logits = model.forward(input);
  }
  result.prediction = to_labels(logits[0].argmax(0));

  const auto classes = static_cast<int>(m.info.class_names.size());
  std::vector<size_t> pixels_of(static_cast<size_t>(classes), 0);
  for (auto it = result.prediction.begin<int32_t>(); it != result.prediction.end<int32_t>(); ++it) {
    ++pixels_of[static_cast<size_t>(*it)];
  }
  for (size_t count : pixels_of) {
    result.predicted_share.push_back(static_cast<double>(count) /
                                     static_cast<double>(result.prediction.total()));
  }
  result.prediction_overlay =
      render_segmentation_overlay(result.model_input, result.prediction, m.info.class_names);
  if (!mask.empty()) {
    resized.mask.convertTo(result.truth, CV_32SC1);
    train::SegmentationConfusion confusion(classes);
    confusion.add(result.prediction, result.truth);
    const train::SegmentationScores scores = train::segmentation_scores(confusion);
    result.scored = true;
    result.iou = scores.iou;
    result.mean_iou = scores.mean_iou;
    result.pixel_accuracy = scores.pixel_accuracy;
    result.truth_overlay =
        render_segmentation_overlay(result.model_input, result.truth, m.info.class_names);
  }
  return result;
}

}  // namespace binvit::inspect
