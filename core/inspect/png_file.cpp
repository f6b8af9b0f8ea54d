#include "core/inspect/png_file.h"

#include "core/runtime/atomic_file.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace binvit::inspect {

void write_png(const std::filesystem::path& path, const cv::Mat& image) {
  cv::Mat encoded = image;
  if (image.channels() == 3) cv::cvtColor(image, encoded, cv::COLOR_RGB2BGR);
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", encoded, bytes)) {
    throw std::runtime_error(path.string() + ": cannot encode the PNG");
  }
  runtime::write_file_atomically(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace binvit::inspect
