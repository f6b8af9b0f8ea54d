#pragma once
// Configuration of BHViT for segmentation (ALGORITHMS.md 3.8): a BHViT backbone configuration
// (num_classes = segmentation classes) plus the width of the FPN-style head. JSON: the backbone's
// fields with family "bhvit-seg" and "fpn_dim".

#include "core/nn/models/bhvit_config.h"

#include <nlohmann/json.hpp>

namespace binvit::nn {

struct BhvitSegmentationConfig {
  BhvitConfig backbone;
  int64_t fpn_dim = 64;

  void validate() const;
};

nlohmann::json to_json(const BhvitSegmentationConfig& config);
BhvitSegmentationConfig bhvit_segmentation_config_from_json(const nlohmann::json& json);

}  // namespace binvit::nn
