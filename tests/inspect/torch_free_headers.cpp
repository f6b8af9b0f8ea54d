// The headers the Inspect page includes, compiled the way Qt code sees them: after Qt's `slots`
// macro and without LibTorch. Debian installs ATen/ and c10/ in /usr/include, so a stray include
// would still be found; the checks below catch it instead.
#include <QObject>

#include "core/inspect/attention_layout.h"
#include "core/inspect/attention_views.h"
#include "core/inspect/heatmap_image.h"
#include "core/inspect/inspection_report.h"
#include "core/inspect/inspection_result.h"
#include "core/inspect/model_inspector.h"
#include "core/inspect/segmentation_inspector.h"
#include "core/inspect/segmentation_overlay.h"
#include "core/inspect/segmentation_report.h"
#include "core/inspect/weight_statistics.h"
#include "core/train/segmentation_metrics.h"

#if defined(C10_API) || defined(TORCH_API) || defined(AT_ASSERT) || defined(TORCH_CHECK)
#error "a GUI-facing inspect header includes LibTorch"
#endif

namespace {
// Uses the types so the compiler sees them complete.
[[maybe_unused]] std::size_t sizes() {
  return sizeof(binvit::inspect::InspectionResult) + sizeof(binvit::inspect::GridMap) +
         sizeof(binvit::inspect::ModelInfo) + sizeof(binvit::inspect::SignFlipReport) +
         sizeof(binvit::inspect::SegmentationInspection);
}
}  // namespace
