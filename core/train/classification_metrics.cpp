#include "core/train/classification_metrics.h"

#include "core/runtime/atomic_file.h"

#include <torch/torch.h>

#include <sstream>
#include <stdexcept>

namespace binvit::train {

ClassificationMetrics::ClassificationMetrics(int64_t num_classes)
    : num_classes_(num_classes),
      confusion_(static_cast<size_t>(num_classes), std::vector<int64_t>(num_classes, 0)) {}

void ClassificationMetrics::add(const torch::Tensor& logits, const torch::Tensor& labels) {
  if (logits.dim() != 2 || logits.size(1) != num_classes_ || labels.size(0) != logits.size(0)) {
    throw std::invalid_argument("metrics: logits must be (N, " + std::to_string(num_classes_) +
                                ") with N labels");
  }
  const int64_t k = std::min<int64_t>(5, num_classes_);
  const torch::Tensor top =
      std::get<1>(logits.detach().topk(k, 1)).to(torch::kInt64).contiguous();
  const torch::Tensor truth = labels.to(torch::kInt64).contiguous();
  const auto* top_data = top.data_ptr<int64_t>();
  const auto* truth_data = truth.data_ptr<int64_t>();
  for (int64_t i = 0; i < truth.size(0); ++i) {
    const int64_t label = truth_data[i];
    if (label < 0 || label >= num_classes_) {
      throw std::invalid_argument("metrics: label " + std::to_string(label) + " outside 0.." +
                                  std::to_string(num_classes_ - 1));
    }
    ++confusion_[label][top_data[i * k]];
    for (int64_t j = 0; j < k; ++j) top5_hits_ += top_data[i * k + j] == label;
  }
  count_ += truth.size(0);
}

double ClassificationMetrics::top1() const {
  int64_t hits = 0;
  for (int64_t c = 0; c < num_classes_; ++c) hits += confusion_[c][c];
  return count_ == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(count_);
}

double ClassificationMetrics::top5() const {
  return count_ == 0 ? 0.0 : static_cast<double>(top5_hits_) / static_cast<double>(count_);
}

std::vector<double> ClassificationMetrics::per_class_accuracy() const {
  std::vector<double> accuracy(static_cast<size_t>(num_classes_), 0.0);
  for (int64_t c = 0; c < num_classes_; ++c) {
    int64_t total = 0;
    for (int64_t p = 0; p < num_classes_; ++p) total += confusion_[c][p];
    accuracy[c] = total == 0 ? 0.0 : static_cast<double>(confusion_[c][c]) / total;
  }
  return accuracy;
}

nlohmann::json ClassificationMetrics::to_json() const {
  return {{"count", count_},
          {"top1", top1()},
          {"top5", top5()},
          {"per_class_accuracy", per_class_accuracy()},
          {"confusion", confusion_}};
}

void ClassificationMetrics::write_confusion_csv(const std::filesystem::path& path,
                                                const std::vector<std::string>& names) const {
  train::write_confusion_csv(path, confusion_, names);
}

void write_confusion_csv(const std::filesystem::path& path,
                         const std::vector<std::vector<int64_t>>& confusion,
                         const std::vector<std::string>& names) {
  const auto num_classes = static_cast<int64_t>(confusion.size());
  std::ostringstream csv;
  auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  auto name = [&](int64_t c) {
    return c < static_cast<int64_t>(names.size()) ? names[c] : std::to_string(c);
  };
  csv << "true\\predicted";
  for (int64_t c = 0; c < num_classes; ++c) csv << "," << quoted(name(c));
  csv << "\n";
  for (int64_t t = 0; t < num_classes; ++t) {
    csv << quoted(name(t));
    for (int64_t p = 0; p < num_classes; ++p) csv << "," << confusion[t][p];
    csv << "\n";
  }
  runtime::write_file_atomically(path, csv.str());
}

}  // namespace binvit::train
