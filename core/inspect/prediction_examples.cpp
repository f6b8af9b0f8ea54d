#include "core/inspect/prediction_examples.h"

#include "core/data/data_config.h"
#include "core/data/data_loader.h"
#include "core/train/checkpoint.h"
#include "core/train/run_folder.h"
#include "core/train/train_config.h"

#include <torch/torch.h>

#include <stdexcept>

namespace binvit::inspect {

std::vector<PredictionExample> find_prediction_examples(const PredictionQuery& query) {
  const train::RunFolder run = train::RunFolder::open(query.run_folder);
  const train::TrainConfig config = train::train_config_from_json(run.config());
  const std::string stage = query.stage.empty() ? config.stage_names().back() : query.stage;
  const std::filesystem::path checkpoint_path = run.checkpoint(stage, "best");
  train::Checkpoint checkpoint = train::load_checkpoint(checkpoint_path);
  // The same evaluation part and transforms the trainer used (the split is seeded by the run).
  const data::RunData data = data::open_run_data(config.data, config.seed);
  const auto classes = static_cast<int>(data.eval->num_classes());
  if (query.true_class < 0 || query.true_class >= classes || query.predicted < 0 ||
      query.predicted >= classes) {
    throw std::invalid_argument("class indexes " + std::to_string(query.true_class) + ", " +
                                std::to_string(query.predicted) + " are outside the " +
                                std::to_string(classes) + " classes of " +
                                checkpoint_path.string());
  }
  data::LoaderOptions options;
  options.batch_size = static_cast<size_t>(config.eval_batch_size);
  options.num_workers = config.data.workers;
  options.shuffle = false;
  data::DataLoader loader(data.eval, data.eval_transform, options);
  loader.start_epoch(0);
  checkpoint.model->eval();
  torch::NoGradGuard no_grad;
  std::vector<PredictionExample> examples;
  while (examples.size() < query.limit) {
    std::optional<data::Batch> batch = loader.next();
    if (!batch) break;
    const torch::Tensor probabilities = torch::softmax(checkpoint.model->forward(batch->images), 1);
    const auto [confidence, predicted] = probabilities.max(1);
    for (size_t i = 0; i < batch->indices.size() && examples.size() < query.limit; ++i) {
      const auto index = static_cast<int64_t>(i);
      if (batch->labels[index].item<int64_t>() != query.true_class ||
          predicted[index].item<int64_t>() != query.predicted) {
        continue;
      }
      PredictionExample example;
      example.item = batch->indices[i];
      example.source = data.eval->source(example.item);
      example.true_class = query.true_class;
      example.predicted = query.predicted;
      example.confidence = confidence[index].item<float>();
      example.image = data.eval->get(example.item).image;
      examples.push_back(std::move(example));
    }
  }
  return examples;
}

}  // namespace binvit::inspect
