#pragma once
// Evaluation of a classifier: top-1, top-5, per-class accuracy and the confusion matrix,
// accumulated batch by batch.

#include <torch/types.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace binvit::train {

class ClassificationMetrics {
 public:
  explicit ClassificationMetrics(int64_t num_classes);

  // logits (N, C), labels (N).
  void add(const torch::Tensor& logits, const torch::Tensor& labels);

  int64_t count() const { return count_; }
  double top1() const;
  double top5() const;  // top-min(5, C)
  std::vector<double> per_class_accuracy() const;
  // confusion[true][predicted]
  const std::vector<std::vector<int64_t>>& confusion() const { return confusion_; }

  nlohmann::json to_json() const;
  // The confusion matrix as CSV with a header of class names (atomic write).
  void write_confusion_csv(const std::filesystem::path& path,
                           const std::vector<std::string>& class_names) const;

 private:
  int64_t num_classes_;
  int64_t count_ = 0;
  int64_t top5_hits_ = 0;
  std::vector<std::vector<int64_t>> confusion_;
};

// confusion[true][predicted] as CSV with class names (atomic write).
void write_confusion_csv(const std::filesystem::path& path,
                         const std::vector<std::vector<int64_t>>& confusion,
                         const std::vector<std::string>& class_names);

}  // namespace binvit::train
