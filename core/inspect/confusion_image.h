#pragma once
// The confusion matrix as a picture: rows are true classes, columns predictions, each cell
// coloured by its share of the row (so rare classes are as readable as common ones), with the
// counts written in when there is room, class names on both axes and per-class accuracy.

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace binvit::inspect {

// BGR image; throws std::invalid_argument when the matrix is not square or names are missing.
cv::Mat render_confusion_matrix(const std::vector<std::vector<int64_t>>& confusion,
                                const std::vector<std::string>& class_names);

// Renders and writes a PNG atomically; throws std::runtime_error naming the file on failure.
void write_confusion_png(const std::filesystem::path& path,
                         const std::vector<std::vector<int64_t>>& confusion,
                         const std::vector<std::string>& class_names);

}  // namespace binvit::inspect
