#pragma once
// Runs a `.bvit` on the packed engine and the checkpoint it was exported from in LibTorch on the
// same images and reports their agreement, per layer and in total (core/nn/export/
// engine_agreement.h has the definitions; PERFORMANCE.md "Agreement" the bars). The work of
// `binvit verify`. Torch-free header (see deploy_common.h): the per-layer report is mirrored in
// plain structs here.

#include "core/deploy/deploy_common.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace binvit::deploy {

struct VerifyOptions {
  std::filesystem::path model;       // the .bvit file
  std::filesystem::path checkpoint;  // the checkpoint (or run folder) it was exported from
  // The images: a dataset format (data::dataset_formats(), or a segmentation format for a
  // segmentation model; only the images are used), its folder (empty: the format's
  // default location, e.g. the installed Fashion-MNIST) and split ("train", "val", "test").
  std::string format = "fashion-mnist";
  std::filesystem::path data_path;
  std::string split = "test";
  std::int64_t limit = 0;  // use only the first N images (0: all)
  int batch = 50;          // images per comparison; cancelling is checked between batches
};

// One binarized activation or binary product of the engine's trace.
struct LayerAgreementRow {
  std::string name;  // e.g. "blocks.0.attn.attention_map.1"
  bool bits = true;  // binarized activation (true) or integer product (false)
  std::int64_t elements = 0;
  // Differing values end to end (the engine on its own from the images), and with every
  // binarizing op fed the LibTorch model's input of that layer (-1 if not recorded).
  std::int64_t differing_end_to_end = 0;
  std::int64_t differing_same_input = 0;
};

struct VerifyResult {
  std::filesystem::path model, checkpoint;  // as given
  std::filesystem::path checkpoint_file;    // the checkpoint actually read
  std::string format, split;
  std::int64_t dataset_size = 0;  // images in the split
  std::int64_t images = 0;        // images compared (fewer than asked when cancelled)
  std::vector<LayerAgreementRow> layers;

  // Summary, as nn::AgreementReport computes it.
  std::int64_t differing_bits = 0;        // end to end
  std::int64_t differing_counts = 0;      // end to end
  std::int64_t differing_same_input = 0;  // bits and counts, layer by layer
  double max_relative_difference = 0.0;   // of the logits; bar 1e-4
  double top1_agreement = 0.0;            // in [0, 1]; bar 0.999
  // A segmentation model: pixels compared and the share with the same argmax (bar 0.999),
  // in place of top-1.
  bool segmentation = false;
  std::int64_t pixels = 0;
  double pixel_agreement = 0.0;
  bool pass = false;  // every bar met on the images compared
  bool cancelled = false;

  // The JSON `binvit verify --json` writes.
  nlohmann::json to_json() const;
  // One row per layer: name,kind,elements,differing_end_to_end,differing_same_input.
  std::string to_csv() const;
  // The table and summary `binvit verify` prints.
  std::string to_text() const;
};

// Throws std::invalid_argument for bad options, std::runtime_error (or a subclass) naming the
// file for an unreadable model, checkpoint or dataset.
VerifyResult verify_model(const VerifyOptions& options, const ProgressCallback& progress = {},
                          CancelFlag cancel = nullptr);

void write_report(const VerifyResult& result, const std::filesystem::path& path,
                  ReportFormat format = ReportFormat::kByExtension);

}  // namespace binvit::deploy
