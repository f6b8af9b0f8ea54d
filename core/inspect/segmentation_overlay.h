#pragma once
// A class mask drawn over its image, with a legend of class names and colours. Torch-free.

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace binvit::inspect {

// A fixed, distinguishable colour per class (RGB); the same index always gets the same colour.
cv::Vec3b class_colour(int index);

struct OverlayOptions {
  double alpha = 0.5;       // share of the class colour in a labelled pixel
  int ignore_label = 255;   // left uncoloured
  bool legend_all = false;  // list every class (default: only those in the mask)
  bool legend = true;       // false: the overlay alone, at the image's size (for a caller that
                            // draws its legend itself, as the Inspect page's class table does)
};

// `image`: CV_8UC1 or CV_8UC3 RGB; `mask`: CV_8UC1 or CV_32SC1 class indices of any size (resized
// to the image with nearest neighbour). Returns an RGB CV_8UC3 image: the overlay with a legend
// column on the right (unless options.legend is false). Throws std::invalid_argument for empty
// inputs or a class index without a name.
cv::Mat render_segmentation_overlay(const cv::Mat& image, const cv::Mat& mask,
                                    const std::vector<std::string>& class_names,
                                    const OverlayOptions& options = {});

}  // namespace binvit::inspect
