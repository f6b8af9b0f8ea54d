#include "core/deploy/segment_images.h"

#include "core/data/data_loader.h"
#include "core/data/random.h"
#include "core/data/segmentation_run_data.h"
#include "core/data/transforms/geometry.h"

#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace binvit::deploy {

torch::Tensor preprocess_for_segmentation(const std::vector<cv::Mat>& images,
                                          const runtime::engine::Preprocessing& p) {
  const int size = static_cast<int>(p.image_size);
  // The pair resize of the run's evaluation, for the image alone: bilinear to size x size.
  const data::Resize resize(cv::Size(size, size), cv::INTER_LINEAR);
  const data::TransformPtr normalize = data::segmentation_image_transforms(
      static_cast<int>(p.channels), std::vector<double>(p.mean.begin(), p.mean.end()),
      std::vector<double>(p.std.begin(), p.std.end()));
  data::Rng rng(0);  // the evaluation steps draw nothing
  std::vector<torch::Tensor> batch;
  for (const cv::Mat& image : images) {
    cv::Mat input = image;
    if (p.channels == 1 && image.channels() == 3) cv::cvtColor(image, input, cv::COLOR_RGB2GRAY);
    batch.push_back(data::image_to_tensor(normalize->apply(resize.apply(input, rng), rng)));
  }
  return torch::stack(batch).contiguous();
}

cv::Mat argmax_labels(const float* logits, int side, int classes) {
  cv::Mat labels(side, side, CV_32SC1);
  auto* out = labels.ptr<int32_t>();
  for (int i = 0; i < side * side; ++i) {
    const float* row = logits + static_cast<std::ptrdiff_t>(i) * classes;
    int best = 0;
    for (int c = 1; c < classes; ++c) {
      if (row[c] > row[best]) best = c;
    }
    out[i] = best;
  }
  return labels;
}

std::vector<SegmentedImage> segment_images(runtime::engine::Engine& engine,
                                           const std::vector<cv::Mat>& images) {
  const runtime::engine::ModelGraph& graph = engine.graph();
  if (graph.task != runtime::engine::Task::Segmentation) {
    throw std::invalid_argument(engine.file().where() +
                                ": a classification model; segmentation needs a model exported "
                                "from a segmentation checkpoint (family bhvit-seg)");
  }
  const torch::Tensor input = preprocess_for_segmentation(images, graph.preprocessing);
  const std::vector<float> logits =
      engine.run(input.data_ptr<float>(), static_cast<std::size_t>(input.size(0)));
  const int side = static_cast<int>(graph.preprocessing.image_size);
  const int classes = static_cast<int>(engine.classes());
  std::vector<SegmentedImage> result;
  for (std::size_t i = 0; i < images.size(); ++i) {
    SegmentedImage s;
    const cv::Mat labels =
        argmax_labels(logits.data() + i * graph.output_rows() * engine.classes(), side, classes);
    s.class_share.assign(static_cast<std::size_t>(classes), 0.0);
    for (auto it = labels.begin<int32_t>(); it != labels.end<int32_t>(); ++it)
      s.class_share[static_cast<std::size_t>(*it)] += 1.0 / static_cast<double>(labels.total());
    // The exact variant samples pixel centres as the bilinear resize of the input did.
    cv::resize(labels, s.labels, images[i].size(), 0, 0, cv::INTER_NEAREST_EXACT);
    result.push_back(std::move(s));
  }
  return result;
}

}  // namespace binvit::deploy
