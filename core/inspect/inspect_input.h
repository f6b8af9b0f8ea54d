#pragma once
// What both inspectors (classification and segmentation) need before a model runs: the run a
// checkpoint belongs to (for its data config) and an image in the colours the model expects.

#include "core/data/data_config.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace binvit::inspect {

// RUN/checkpoints/STAGE/file.pt -> RUN when RUN holds a run's config.json; otherwise empty.
std::filesystem::path run_folder_of(const std::filesystem::path& checkpoint);

// The data config recorded in RUN/config.json; nullopt for an empty path or a run without one.
// Throws std::runtime_error naming config.json when it cannot be read.
std::optional<data::DataConfig> read_run_data_config(const std::filesystem::path& run_folder);

// An 8-bit grey, RGB or RGBA image in the model's colours: RGBA loses alpha; a grey model sees
// the luminance of a colour image (a colour model gets grey images replicated by the eval
// transforms themselves). Throws std::invalid_argument for an empty or non-8-bit image.
cv::Mat to_model_colour(const cv::Mat& image, int channels);

// "class 0", "class 1", ...: the names of a model whose run left none.
std::vector<std::string> numbered_class_names(int64_t classes);

// Per-channel statistics for `channels` channels: a grey run's single mean/std is repeated for a
// colour model (and an empty list means 0).
std::vector<double> fitted_to_channels(std::vector<double> values, int channels);

}  // namespace binvit::inspect
