#include "core/data/transforms/transform.h"

namespace binvit::data {

cv::Mat Compose::apply(const cv::Mat& image, Rng& rng) const {
  cv::Mat current = image;
  for (const TransformPtr& transform : transforms_) current = transform->apply(current, rng);
  return current;
}

std::string Compose::describe() const {
  std::string text;
  for (const TransformPtr& transform : transforms_) {
    if (!text.empty()) text += " -> ";
    text += transform->describe();
  }
  return text;
}

}  // namespace binvit::data
