#pragma once
// Pixel operations on 8-bit images (grey or RGB) that reproduce PIL's ImageEnhance / ImageOps,
// because RandAugment and ColorJitter are defined by what those do in timm and torchvision.

#include <opencv2/core.hpp>

namespace binvit::data::ops {

// PIL's Image.blend(degenerate, image, factor): degenerate + factor * (image - degenerate), saturated.
cv::Mat blend(const cv::Mat& degenerate, const cv::Mat& image, double factor);

cv::Mat adjust_brightness(const cv::Mat& image, double factor);  // blend with black
cv::Mat adjust_contrast(const cv::Mat& image, double factor);    // blend with the grey mean
cv::Mat adjust_saturation(const cv::Mat& image, double factor);  // blend with the grey image
cv::Mat adjust_sharpness(const cv::Mat& image, double factor);   // blend with PIL's SMOOTH filter
// Shifts the hue by `shift` turns (-0.5..0.5) in HSV.
cv::Mat adjust_hue(const cv::Mat& image, double shift);

cv::Mat autocontrast(const cv::Mat& image);  // each channel stretched to 0..255
cv::Mat equalize(const cv::Mat& image);      // PIL's per-channel histogram equalization
cv::Mat invert(const cv::Mat& image);
cv::Mat posterize(const cv::Mat& image, int bits);          // keeps the top `bits` bits
cv::Mat solarize(const cv::Mat& image, int threshold);      // v >= threshold -> 255 - v
cv::Mat solarize_add(const cv::Mat& image, int add, int threshold = 128);  // v < t -> v + add

// PIL's Image.transform(AFFINE): output (x, y) samples input (a x + b y + c, d x + e y + f);
// outside pixels take `fill`.
cv::Mat affine(const cv::Mat& image, const cv::Matx23d& output_to_input, int interpolation,
               const cv::Scalar& fill);
// Counter-clockwise rotation about the centre, PIL's Image.rotate.
cv::Mat rotate(const cv::Mat& image, double degrees, int interpolation, const cv::Scalar& fill);

// PIL's "L" conversion: (299 R + 587 G + 114 B) / 1000.
cv::Mat to_grey(const cv::Mat& image);

}  // namespace binvit::data::ops
