#pragma once
// OpenCV images to Qt images for display (deep copies: a QImage must not outlive cv::Mat pixels).

#include <QImage>
#include <opencv2/core.hpp>

namespace binvit::ui {

// Grey (CV_8UC1) or RGB (CV_8UC3, red first, as core/data produces) to a QImage.
QImage to_qimage_rgb(const cv::Mat& image);
// BGR (CV_8UC3, as OpenCV's drawing and imwrite use) to a QImage.
QImage to_qimage_bgr(const cv::Mat& image);

}  // namespace binvit::ui
