#pragma once
// What a run folder tells about the data behind one of its checkpoints, for every workflow that
// starts from a checkpoint (inspection, export): the run it belongs to and its data config, so
// images are prepared as the run prepared them.

#include "core/data/data_config.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace binvit::train {

// RUN/checkpoints/STAGE/file.pt -> RUN when RUN holds a run's config.json; otherwise empty.
std::filesystem::path run_folder_of(const std::filesystem::path& checkpoint);

// The data config recorded in RUN/config.json; nullopt for an empty path or a run without one.
// Throws std::runtime_error naming config.json when it cannot be read.
std::optional<data::DataConfig> read_run_data_config(const std::filesystem::path& run_folder);

// The class names of the dataset `config` reads, when it can still be opened and names `classes`
// classes; otherwise empty, and `why` says what went wrong (the caller numbers the classes).
std::vector<std::string> run_class_names(const data::DataConfig& config, int64_t classes,
                                         std::string& why);

}  // namespace binvit::train
