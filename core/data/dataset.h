#pragma once
// The interface every classification reader implements. Readers keep what is cheap (labels, file
// names, small in-memory sets) and decode images on demand in get(), so a folder larger than
// memory can be streamed. get() may be called from several loader threads at once.

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace binvit::data {

// One item: an 8-bit image, grey (CV_8UC1) or RGB (CV_8UC3, red first), and its class index.
struct Sample {
  cv::Mat image;
  int64_t label = 0;
};

class Dataset {
 public:
  virtual ~Dataset() = default;

  virtual size_t size() const = 0;
  virtual const std::vector<std::string>& class_names() const = 0;
  // The class of item i without decoding its image (splits and statistics need only this).
  virtual int64_t label(size_t i) const = 0;
  // Decodes item i; throws DataError naming the file when it cannot.
  virtual Sample get(size_t i) const = 0;
  // Where item i comes from: an image path, or "file#record" for container formats.
  virtual std::string source(size_t i) const = 0;
  // How many unreadable images were left out when the dataset was opened (skip option).
  virtual size_t skipped() const { return 0; }

  size_t num_classes() const { return class_names().size(); }
};

}  // namespace binvit::data
