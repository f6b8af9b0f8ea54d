#pragma once
// What both inspectors (classification and segmentation) need before a model runs: the run a
// checkpoint belongs to and its data config (core/train/run_data_config.h), and an image in the
// colours the model expects.

#include "core/train/run_data_config.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace binvit::inspect {

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
