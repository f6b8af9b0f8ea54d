#pragma once
// The computations behind the Inspect page: a trained model loaded once, then one image at a time
// through it with the inspection capture on. This header includes no LibTorch header, directly or
// indirectly (the model lives behind a pimpl), so Qt code can include it.
//
// Not thread-safe: use one inspector from one thread at a time (a worker's QThread). Two
// inspectors (teacher and student) may run on two threads.

#include "core/inspect/inspection_result.h"
#include "core/inspect/weight_statistics.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace binvit::inspect {

// The checkpoints of a run folder that the inspector shows.
struct RunCheckpoints {
  std::filesystem::path student;  // the last stage's best.pt
  std::string student_stage;      // e.g. "stage2"
  std::filesystem::path teacher;  // the "teacher" stage's best.pt; empty when the run has none
};

// Throws std::runtime_error naming the folder or file when the run has no config.json or its
// last stage has no best.pt yet. A teacher stage without best.pt leaves `teacher` empty.
RunCheckpoints find_run_checkpoints(const std::filesystem::path& run_folder);

// How images are prepared: exactly the evaluation transforms of training (gsb-eval preset).
struct Preprocessing {
  int image_size = 0;
  int channels = 0;  // 1: RGB inputs are converted to grey; 3: grey inputs are replicated
  std::vector<double> mean, std;
  bool from_run = false;  // mean/std came from the run's data config (else the defaults)
};

struct ModelInfo {
  std::string model_name;  // e.g. "deit/gsb 28 px, patch 7, 96 wide, 4 blocks"
  std::string family;      // "deit" | "bhvit"
  std::string variant;     // "float" | "gsb-stage1" | "baseline" | "gsb" | "" (BHViT)
  std::filesystem::path checkpoint;
  std::filesystem::path run_folder;  // empty when the checkpoint is not inside a run
  std::vector<std::string> class_names;
  // The run's data config (data::DataConfig as JSON), for its samples; empty when not in a run.
  std::string dataset_json;
  Preprocessing preprocessing;
  int attention_layers = 0;
  bool binary = false;  // any binarized weight or activation
};

class ModelInspector {
 public:
  // A checkpoint (train::load_checkpoint). When it lies in a run folder
  // (RUN/checkpoints/STAGE/x.pt) the run's data config supplies mean, std and class names.
  // Throws std::runtime_error naming the file when it is not a readable checkpoint.
  static ModelInspector from_checkpoint(const std::filesystem::path& checkpoint);
  // The last stage's best.pt of a run folder (find_run_checkpoints).
  static ModelInspector from_run(const std::filesystem::path& run_folder);
  // A run folder or a checkpoint, whichever `path` is.
  static ModelInspector open(const std::filesystem::path& path);

  ModelInspector(ModelInspector&&) noexcept;
  ModelInspector& operator=(ModelInspector&&) noexcept;
  ~ModelInspector();

  const ModelInfo& info() const;
  // Overrides the class names (e.g. from a dataset the GUI has open); their count must match the
  // model's classes (std::invalid_argument otherwise).
  void set_class_names(std::vector<std::string> names);

  // One 8-bit image (CV_8UC1 grey, CV_8UC3 RGB or CV_8UC4 RGBA, any size) through the eval
  // transforms and the model in eval mode with the capture on. Throws std::invalid_argument for
  // an empty or non-8-bit image. A model whose first-batch scales never saw data (an untrained
  // preset) initialises them from this image, as a first training batch would; `notes` says so.
  InspectionResult inspect(const cv::Mat& image);

  // The binary layers with their weight +1 shares (constant for a loaded model).
  std::vector<BinaryLayerInfo> binary_layers() const;
  // Latent-weight histogram of one binary layer; std::invalid_argument names an unknown layer.
  WeightHistogram weight_histogram(const std::string& layer,
                                   const WeightHistogramOptions& options = {}) const;
  // Sign flips of the binarized weights from `other` (the earlier checkpoint) to this one.
  // std::invalid_argument when the architectures differ.
  SignFlipReport sign_flips_since(const ModelInspector& other) const;

 private:
  struct Impl;
  explicit ModelInspector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace binvit::inspect
