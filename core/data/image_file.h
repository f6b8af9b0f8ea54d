#pragma once
// Decoding one image file the way every reader wants it: 8-bit, RGB or grey.

#include <opencv2/core.hpp>

#include <filesystem>

namespace binvit::data {

// Reads an image as CV_8UC1 (grey files) or CV_8UC3 in RGB order (OpenCV decodes to BGR; the
// readers of raw formats produce RGB, so everything agrees). Throws DataError naming the file
// when it is missing or cannot be decoded.
cv::Mat read_image(const std::filesystem::path& file);

// Reads a segmentation mask: one channel of class indices, never resampled or colour-converted.
cv::Mat read_mask(const std::filesystem::path& file);

// Whether the file exists and decodes (used by the skip-unreadable option).
bool is_readable_image(const std::filesystem::path& file);

// Whether the extension is one of png, jpg, jpeg, bmp, ppm (case-insensitive).
bool has_image_extension(const std::filesystem::path& file);

}  // namespace binvit::data
