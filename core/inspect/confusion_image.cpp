#include "core/inspect/confusion_image.h"

#include "core/runtime/atomic_file.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <stdexcept>

namespace binvit::inspect {
namespace {

constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

void put_text(cv::Mat& image, const std::string& text, cv::Point origin, double scale,
              cv::Scalar colour) {
  cv::putText(image, text, origin, kFont, scale, colour, 1, cv::LINE_AA);
}

}  // namespace

cv::Mat render_confusion_matrix(const std::vector<std::vector<int64_t>>& confusion,
                                const std::vector<std::string>& names) {
  const int n = static_cast<int>(confusion.size());
  if (n == 0 || names.size() != confusion.size()) {
    throw std::invalid_argument("confusion image: need one class name per row");
  }
  for (const auto& row : confusion) {
    if (static_cast<int>(row.size()) != n) {
      throw std::invalid_argument("confusion image: the matrix is not square");
    }
  }
  const int cell = n <= 12 ? 48 : n <= 30 ? 22 : 8;
  const bool labels = n <= 30;
  const int margin = labels ? 130 : 20;
  const int accuracy_width = labels ? 70 : 0;
  cv::Mat shares(n, n, CV_8UC1);
  std::vector<double> accuracy(n, 0.0);
  for (int t = 0; t < n; ++t) {
    int64_t total = 0;
    for (int64_t v : confusion[t]) total += v;
    for (int p = 0; p < n; ++p) {
      const double share = total ? static_cast<double>(confusion[t][p]) / total : 0.0;
      shares.at<uint8_t>(t, p) = static_cast<uint8_t>(std::lround(255 * share));
    }
    accuracy[t] = total ? static_cast<double>(confusion[t][t]) / total : 0.0;
  }
  cv::Mat colours;
  cv::applyColorMap(shares, colours, cv::COLORMAP_VIRIDIS);
  cv::Mat image(margin + n * cell + 10, margin + n * cell + accuracy_width + 10, CV_8UC3,
                cv::Scalar(255, 255, 255));
  for (int t = 0; t < n; ++t) {
    for (int p = 0; p < n; ++p) {
      const cv::Rect box(margin + p * cell, margin + t * cell, cell, cell);
      cv::rectangle(image, box, cv::Scalar(colours.at<cv::Vec3b>(t, p)), cv::FILLED);
      if (cell >= 40) {
        const cv::Scalar ink = shares.at<uint8_t>(t, p) > 150 ? cv::Scalar(0, 0, 0)
                                                              : cv::Scalar(255, 255, 255);
        put_text(image, std::to_string(confusion[t][p]), {box.x + 3, box.y + cell / 2 + 4}, 0.35,
                 ink);
      }
    }
  }
  if (labels) {
    const double scale = cell >= 40 ? 0.4 : 0.3;
    for (int i = 0; i < n; ++i) {
      const std::string name = names[i].substr(0, 16);
      put_text(image, name, {4, margin + i * cell + cell / 2 + 4}, scale, cv::Scalar(0, 0, 0));
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.1f%%", 100 * accuracy[i]);
      put_text(image, percent, {margin + n * cell + 6, margin + i * cell + cell / 2 + 4}, scale,
               cv::Scalar(0, 0, 0));
      // Column names written downwards: rotate a text strip.
      cv::Mat strip(cell, margin - 8, CV_8UC3, cv::Scalar(255, 255, 255));
      put_text(strip, name, {2, cell / 2 + 4}, scale, cv::Scalar(0, 0, 0));
      cv::Mat rotated;
      cv::rotate(strip, rotated, cv::ROTATE_90_COUNTERCLOCKWISE);
      rotated.copyTo(image(cv::Rect(margin + i * cell, 4, rotated.cols, rotated.rows)));
    }
    put_text(image, "true \\ predicted", {4, margin - 8}, 0.35, cv::Scalar(80, 80, 80));
  }
  return image;
}

void write_confusion_png(const std::filesystem::path& path,
                         const std::vector<std::vector<int64_t>>& confusion,
                         const std::vector<std::string>& class_names) {
  std::vector<uint8_t> png;
  if (!cv::imencode(".png", render_confusion_matrix(confusion, class_names), png)) {
    throw std::runtime_error(path.string() + ": cannot encode the confusion matrix as PNG");
  }
  runtime::write_file_atomically(path, std::string(png.begin(), png.end()));
}

}  // namespace binvit::inspect
