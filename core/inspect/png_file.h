#pragma once
// PNG files of the inspection reports, written atomically (a kill never leaves half a file).

#include <opencv2/core.hpp>

#include <filesystem>

namespace binvit::inspect {

// `image`: RGB CV_8UC3 (OpenCV's encoder wants BGR; the conversion happens here), or any grey
// CV_8UC1 / CV_16UC1 image. Throws std::runtime_error naming the file when it cannot be written.
void write_png(const std::filesystem::path& path, const cv::Mat& image);

}  // namespace binvit::inspect
