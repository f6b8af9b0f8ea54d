#pragma once
// A grid map (attention, a mask, a component) drawn over the image the model saw: the map's cells
// as blocks in a perceptual colour map (viridis), blended with the image, a colorbar with its
// range, and a label naming what is shown ("layer 2 head 1, class token"). Torch-free.

#include "core/inspect/attention_views.h"

#include <opencv2/core.hpp>

#include <limits>
#include <string>

namespace binvit::inspect {

struct HeatmapOptions {
  double alpha = 0.6;  // share of the colour map over the image
  int min_side = 224;  // the image is scaled up (nearest) to at least this side
  // The colour range; both NaN: [min(0, smallest value), largest value].
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
};

// `image`: CV_8UC1 or CV_8UC3 RGB (e.g. InspectionResult::model_input). Returns RGB CV_8UC3.
// Throws std::invalid_argument for an empty image or a map whose values do not fill its grid.
cv::Mat render_heatmap(const cv::Mat& image, const GridMap& map, const std::string& label,
                       const HeatmapOptions& options = {});

}  // namespace binvit::inspect
