#pragma once
// `binvit inspect` on disk: the maps of one InspectionResult as labelled PNG overlays and a
// summary.json, every file written atomically. Torch-free.
//
// Files, with L the layer index and H the head index or "mean":
//   attention_L<L>_H<H>.png       class-token attention (BHViT: the centre patch's query view)
//   mass_L<L>_H<H>.png            the smallest set of patches holding `mass` of that map
//   gsb_L<L>_H<H>_<part>.png      GSB models: quantized, base, M2, M3, ... (class-token rows) and
//                                 value_plus_one, value_G2, ... (per patch token)
//   qd_L<L>_H<H>_<s>.png          BHViT: the QD binary maps (query view)
//   rollout.png, rollout_mass.png class-token row of the rollout and its mass mask
//   summary.json                  model, top-5, per layer layout and scales, +1 shares, files

#include "core/inspect/inspection_result.h"

#include <filesystem>
#include <vector>

namespace binvit::inspect {

struct ReportOptions {
  int layer = -1;      // -1: every layer
  int head = -1;       // -1: every head (the head mean is always written)
  double mass = 0.9;   // fraction kept by the mass masks
  int min_side = 224;  // overlays are scaled up to at least this side
};

// Writes into `folder` (created when missing) and returns the files written, summary.json last.
// Throws std::invalid_argument for a layer or head that does not exist, std::runtime_error naming
// a file that cannot be written.
std::vector<std::filesystem::path> write_inspection_report(const InspectionResult& result,
                                                           const ReportOptions& options,
                                                           const std::filesystem::path& folder);

}  // namespace binvit::inspect
