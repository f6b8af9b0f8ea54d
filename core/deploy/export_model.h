#pragma once
// Exports a trained model (a run folder or a checkpoint), or a freshly initialised preset, to the
// three files of a deployment: the `.bvit` the packed engine runs, the model's safetensors and
// its LibTorch archive (a checkpoint that `verify` and `bench` can load), the last two next to the
// `.bvit` with its extension replaced. The work of `binvit export`. Torch-free header (see
// deploy_common.h).

#include "core/deploy/deploy_common.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace binvit::deploy {

struct ExportOptions {
  // Exactly one of the two: a run folder (its newest best*.pt under checkpoints/, else the newest
  // last*.pt) or a checkpoint file; or a model preset, built untrained (for benchmarks and engine
  // checks).
  std::filesystem::path source;
  std::string preset;
  std::vector<std::string> overrides;  // with a preset: "key=value" config overrides
  std::int64_t seed = 0;               // with a preset: the initialisation seed

  // Run this many images of the built-in Fashion-MNIST test set through the model first, which
  // initialises scales that have never seen data (as the first training batch would). 0: none.
  int calibrate = 0;
  // Empty: the checkpoint's class names, else those of the calibration set when its class count
  // matches, else "class 0", "class 1", ...
  std::vector<std::string> class_names;

  std::filesystem::path out;  // the .bvit file to write
};

struct ExportResult {
  std::string origin;                // checkpoint path, or "PRESET (untrained, seed N)"
  std::filesystem::path checkpoint;  // the checkpoint read (empty for a preset)
  std::string model_name;            // as recorded in the .bvit header
  std::string variant;               // the model config's "variant" (e.g. "gsb", "binary", "float")
  int calibrated_images = 0;
  // In the order written: bvit, safetensors, libtorch. Fewer when cancelled.
  std::vector<WrittenFile> files;
  bool cancelled = false;

  // The file of that kind, or nullptr.
  const WrittenFile* file(const std::string& kind) const;
  nlohmann::json to_json() const;
  // One row per file: kind,path,bytes.
  std::string to_csv() const;
  // What `binvit export` prints.
  std::string to_text() const;
};

// Throws std::invalid_argument for inconsistent options or a model that cannot be exported, and
// std::runtime_error (or a subclass) naming the file for unreadable input or unwritable output.
// Every file is written atomically. Cancelling is checked before calibration and before each
// file; files already written stay and are listed.
ExportResult export_model(const ExportOptions& options, const ProgressCallback& progress = {},
                          CancelFlag cancel = nullptr);

void write_report(const ExportResult& result, const std::filesystem::path& path,
                  ReportFormat format = ReportFormat::kByExtension);

}  // namespace binvit::deploy
