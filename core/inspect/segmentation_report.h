#pragma once
// `binvit inspect` of a segmentation model on disk, every file written atomically:
//   prediction_overlay.png  the prediction over the image with a legend
//   prediction_labels.png   the class index per pixel (8-bit, 16-bit above 255 classes)
//   truth_overlay.png       the given mask the same way (only with a mask)
//   summary.json            model, predicted share per class, and with a mask mIoU, pixel
//                           accuracy and per-class IoU (null where undefined)

#include "core/inspect/segmentation_inspector.h"

#include <filesystem>
#include <vector>

namespace binvit::inspect {

// Writes into `folder` (created when missing); returns the files, summary.json last. Throws
// std::runtime_error naming a file that cannot be written.
std::vector<std::filesystem::path> write_segmentation_report(const SegmentationInspection& result,
                                                             const SegmentationModelInfo& model,
                                                             const std::filesystem::path& folder);

}  // namespace binvit::inspect
