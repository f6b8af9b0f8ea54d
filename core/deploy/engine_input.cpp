#include "core/deploy/engine_input.h"

#include "core/data/data_loader.h"
#include "core/data/random.h"
#include "core/data/transforms/presets.h"

namespace binvit::deploy {

data::TransformPtr eval_transforms(const runtime::engine::Preprocessing& p) {
  data::PipelineOptions o;
  o.image_size = static_cast<int>(p.image_size);
  o.channels = static_cast<int>(p.channels);
  o.mean.assign(p.mean.begin(), p.mean.end());
  o.std.assign(p.std.begin(), p.std.end());
  o.crop_fraction = p.crop_fraction;
  return data::gsb_eval_transforms(o);
}

torch::Tensor preprocess(const std::vector<cv::Mat>& images,
                         const runtime::engine::Preprocessing& preprocessing) {
  const data::TransformPtr transforms = eval_transforms(preprocessing);
  // The evaluation pipeline draws no random numbers; the generator only fills the interface.
  data::Rng rng(0);
  std::vector<torch::Tensor> batch;
  for (const cv::Mat& image : images) {
    batch.push_back(data::image_to_tensor(transforms->apply(image, rng)));
  }
  return torch::stack(batch).contiguous();
}

std::vector<float> run_engine(runtime::engine::Engine& engine, const torch::Tensor& images) {
  const torch::Tensor input = images.to(torch::kFloat).contiguous();
  return engine.run(input.data_ptr<float>(), static_cast<std::size_t>(input.size(0)));
}

}  // namespace binvit::deploy
