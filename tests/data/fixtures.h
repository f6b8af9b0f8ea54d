#pragma once
// Writers for tiny fixture files in every format the readers take, and a helper that captures the
// message of the error an expression throws. The tests build their own data sets with these.

#include "core/data/data_error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace binvit::test {

namespace fs = std::filesystem;

inline void write_bytes(const fs::path& file, const std::vector<uint8_t>& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

inline void write_gzip(const fs::path& file, const std::vector<uint8_t>& bytes) {
  fs::create_directories(file.parent_path());
  gzFile out = gzopen(file.string().c_str(), "wb");
  gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(out);
}

// An IDX file of unsigned bytes: magic 0x00000803 style header, big-endian sizes, data.
inline std::vector<uint8_t> idx_bytes(const std::vector<uint32_t>& dims,
                                      const std::vector<uint8_t>& data) {
  std::vector<uint8_t> bytes = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(d >> shift));
  }
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

// Writes the image as is (any format OpenCV encodes), creating its folder.
inline void write_image(const fs::path& file, const cv::Mat& image) {
  fs::create_directories(file.parent_path());
  cv::imwrite(file.string(), image);
}

// Writes an RGB image (red first) so that the readers, which return RGB, give it back.
inline void write_rgb_png(const fs::path& file, const cv::Mat& rgb) {
  fs::create_directories(file.parent_path());
  cv::Mat bgr;
  if (rgb.channels() == 3) {
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  } else {
    bgr = rgb;
  }
  cv::imwrite(file.string(), bgr);
}

// A small RGB image whose pixels encode its seed, so a test can tell images apart.
inline cv::Mat pattern_image(int width, int height, int seed) {
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uint8_t>(seed * 10 + x),
                                            static_cast<uint8_t>(y * 7), static_cast<uint8_t>(seed));
    }
  }
  return image;
}

// The message of the DataError `f` throws, or "" when it throws none.
template <typename F>
std::string data_error_of(F&& f) {
  try {
    f();
  } catch (const data::DataError& error) {
    return error.what();
  }
  return {};
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace binvit::test
