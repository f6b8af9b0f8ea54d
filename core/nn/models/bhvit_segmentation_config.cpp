#include "core/nn/models/bhvit_segmentation_config.h"

#include "core/nn/models/config_fields.h"

namespace binvit::nn {

void BhvitSegmentationConfig::validate() const {
  backbone.validate();
  require_field(fpn_dim > 0, "fpn_dim", "must be positive, got " + std::to_string(fpn_dim));
}

nlohmann::json to_json(const BhvitSegmentationConfig& c) {
  nlohmann::json json = to_json(c.backbone);
  json["family"] = "bhvit-seg";
  json["fpn_dim"] = c.fpn_dim;
  return json;
}

BhvitSegmentationConfig bhvit_segmentation_config_from_json(const nlohmann::json& json) {
  reject_unknown_fields(json, to_json(BhvitSegmentationConfig{}));
  std::string family = "bhvit-seg";
  read_config_field(json, "family", family);
  require_field(family == "bhvit-seg", "family", "must be 'bhvit-seg' here, got '" + family + "'");
  BhvitSegmentationConfig c;
  read_config_field(json, "fpn_dim", c.fpn_dim);
  nlohmann::json backbone = json;
  backbone.erase("fpn_dim");
  backbone["family"] = "bhvit";
  c.backbone = bhvit_config_from_json(backbone);
  c.validate();
  return c;
}

}  // namespace binvit::nn
