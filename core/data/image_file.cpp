#include "core/data/image_file.h"

#include "core/data/data_error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <system_error>

namespace binvit::data {
namespace {

void require_file(const std::filesystem::path& file, const char* kind) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) throw DataError(file, std::string("missing ") + kind);
}

cv::Mat to_8bit(cv::Mat image) {
  if (image.depth() == CV_8U) return image;
  // 16-bit PNGs: keep the top byte, as an 8-bit viewer would show them.
  cv::Mat converted;
  image.convertTo(converted, CV_8U, image.depth() == CV_16U ? 1.0 / 257.0 : 1.0);
  return converted;
}

}  // namespace

cv::Mat read_image(const std::filesystem::path& file) {
  require_file(file, "image");
  cv::Mat image = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
  if (image.empty()) throw DataError(file, "undecodable image (not a PNG/JPEG/BMP/PPM file, or corrupt)");
  image = to_8bit(image);
  switch (image.channels()) {
    case 1:
      return image;
    case 3:
      cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
      return image;
    case 4:
      cv::cvtColor(image, image, cv::COLOR_BGRA2RGB);
      return image;
    default:
      throw DataError(file, "unsupported channel count " + std::to_string(image.channels()));
  }
}

cv::Mat read_mask(const std::filesystem::path& file) {
  require_file(file, "mask");
  cv::Mat mask = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
  if (mask.empty()) throw DataError(file, "undecodable mask image");
  if (mask.channels() != 1 || mask.depth() != CV_8U) {
    throw DataError(file, "a mask must be a one-channel 8-bit image of class indices");
  }
  return mask;
}

bool is_readable_image(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return false;
  return !cv::imread(file.string(), cv::IMREAD_UNCHANGED).empty();
}

bool has_image_extension(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::array<const char*, 5> known = {".png", ".jpg", ".jpeg", ".bmp", ".ppm"};
  return std::find(known.begin(), known.end(), extension) != known.end();
}

}  // namespace binvit::data
