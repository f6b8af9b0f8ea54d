#pragma once
// The augmentation preview: one image through a pipeline several times, tiled into a grid, for
// the Data page and `binvit data preview`.

#include "core/data/transforms/transform.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace binvit::data {

// `count` runs of `pipeline` on `image`, seeds seed, seed + 1, ...; normalized outputs are mapped
// back to 0..255 with `mean`/`std` (empty: taken as already 0..1 or 8-bit). Returns an 8-bit RGB
// grid of `columns` tiles (0: about square), each at least `min_tile` pixels (nearest upscaling
// keeps small images crisp), with a 2-pixel gap.
cv::Mat augmentation_grid(const cv::Mat& image, const Transform& pipeline, int count, uint64_t seed,
                          const std::vector<double>& mean, const std::vector<double>& std,
                          int columns = 0, int min_tile = 96);

// Undoes Normalize: float (x * std + mean) * 255, saturated to 8 bits; 8-bit images pass through.
cv::Mat to_displayable(const cv::Mat& image, const std::vector<double>& mean,
                       const std::vector<double>& std);

}  // namespace binvit::data
