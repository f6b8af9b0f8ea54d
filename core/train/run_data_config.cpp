#include "core/train/run_data_config.h"

#include "core/data/dataset_factory.h"
#include "core/data/readers/mnist_dataset.h"
#include "core/train/run_folder.h"

#include <stdexcept>

namespace binvit::train {
namespace fs = std::filesystem;

fs::path run_folder_of(const fs::path& checkpoint) {
  const fs::path root = checkpoint.parent_path().parent_path().parent_path();
  if (checkpoint.parent_path().parent_path().filename() == "checkpoints" &&
      fs::exists(root / "config.json")) {
    return root;
  }
  return {};
}

std::optional<data::DataConfig> read_run_data_config(const fs::path& run_folder) {
  if (run_folder.empty()) return std::nullopt;
  const RunFolder run = RunFolder::open(run_folder);
  if (!run.config().contains("data")) return std::nullopt;
  try {
    return data::data_config_from_json(run.config().at("data"));
  } catch (const std::exception& error) {
    throw std::runtime_error((run_folder / "config.json").string() +
                             ": unreadable data config: " + error.what());
  }
}

std::vector<std::string> run_class_names(const data::DataConfig& config, int64_t classes,
                                         std::string& why) {
  std::vector<std::string> names;
  // The IDX sets' names are fixed; opening them would decode 60000 images for ten strings.
  if (config.format == "fashion-mnist") {
    names = data::fashion_mnist_class_names();
  } else if (config.format == "mnist") {
    names = data::mnist_class_names();
  } else {
    data::DatasetSpec spec;
    spec.format = config.format;
    spec.path = config.path;
    spec.split = data::Split::kTrain;
    try {
      names = data::is_segmentation_format(config.format)
                  ? data::open_segmentation_dataset(spec)->class_names()
                  : data::open_dataset(spec)->class_names();
    } catch (const std::exception& error) {
      why = std::string("the run's dataset cannot be read (") + error.what() + ")";
      return {};
    }
  }
  if (static_cast<int64_t>(names.size()) != classes) {
    why = "the run's dataset lists " + std::to_string(names.size()) +
          " classes but the model has " + std::to_string(classes);
    return {};
  }
  return names;
}

}  // namespace binvit::train
