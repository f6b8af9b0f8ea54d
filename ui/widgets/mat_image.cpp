#include "ui/widgets/mat_image.h"

#include <opencv2/imgproc.hpp>

namespace binvit::ui {

QImage to_qimage_rgb(const cv::Mat& image) {
  if (image.empty()) return {};
  cv::Mat rgb;
  if (image.channels() == 1) {
    cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
  } else {
    rgb = image;
  }
  const QImage view(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step),
                    QImage::Format_RGB888);
  return view.copy();
}

QImage to_qimage_bgr(const cv::Mat& image) {
  if (image.empty()) return {};
  cv::Mat rgb;
  cv::cvtColor(image, rgb, image.channels() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
  return to_qimage_rgb(rgb);
}

}  // namespace binvit::ui
