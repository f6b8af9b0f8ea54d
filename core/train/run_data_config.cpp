#include "core/train/run_data_config.h"

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

}  // namespace binvit::train
