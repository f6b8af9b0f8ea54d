#pragma once
// The images behind one cell of a confusion matrix: a run's checkpoint evaluated again on the
// run's own evaluation set (same data config, transforms and limits as training used), keeping the
// items whose true class and prediction are the requested ones. What the Train page shows when a
// confusion cell is clicked. Torch-free header (the GUI includes it).

#include <opencv2/core.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace binvit::inspect {

struct PredictionExample {
  size_t item = 0;     // index in the evaluation set
  std::string source;  // file or "file#record"
  int true_class = 0;
  int predicted = 0;
  float confidence = 0;  // softmax probability of the prediction
  cv::Mat image;         // the 8-bit image as stored (grey or RGB)
};

struct PredictionQuery {
  std::filesystem::path run_folder;
  std::string stage;  // its checkpoints/<stage>/best.pt; empty: the last stage of the recipe
  int true_class = 0;
  int predicted = 0;
  size_t limit = 32;  // stop after this many examples
};

// Throws std::runtime_error naming the file when the run or its checkpoint cannot be read, and
// std::invalid_argument for a class index outside the model's classes.
std::vector<PredictionExample> find_prediction_examples(const PredictionQuery& query);

}  // namespace binvit::inspect
