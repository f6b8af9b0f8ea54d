#pragma once
// Exports a trained model of the DeiT family (float teacher, baseline binary DeiT, GSB) to the
// `.bvit` file the runtime Engine runs (core/runtime/engine/model_graph.h describes the graph).
// Everything the engine needs is folded here, so that it stays simple: weight signs packed to
// bits, activation and weight scales multiplied into one scale per output, clamped scales
// (>= 1e-5 as in the forward), LSQ weights as int8 with their steps.

#include "core/nn/models/classifier_model.h"
#include "core/nn/models/segmentation_model.h"

#include <filesystem>
#include <string>
#include <vector>

namespace binvit::nn {

struct BvitExportOptions {
  std::string model_name;                // recorded in the header
  std::vector<std::string> class_names;  // empty: "class 0", "class 1", ...
  std::vector<double> mean{0.485, 0.456, 0.406};
  std::vector<double> std{0.229, 0.224, 0.225};
  double crop_fraction = 0.875;
};

// The file's bytes. Throws std::invalid_argument when the model is not exportable (not a DeiT,
// GSB stage 1, a quantizer switched off or never initialised, mismatched class names).
std::string export_bvit_bytes(ClassifierModel& model, const BvitExportOptions& options);

// A segmentation model (BHViT's); class_names are the segmentation classes.
std::string export_bvit_bytes(SegmentationModel& model, const BvitExportOptions& options);

// export_bvit_bytes written atomically to `path`.
void export_bvit(ClassifierModel& model, const std::filesystem::path& path,
                 const BvitExportOptions& options);
void export_bvit(SegmentationModel& model, const std::filesystem::path& path,
                 const BvitExportOptions& options);

}  // namespace binvit::nn
