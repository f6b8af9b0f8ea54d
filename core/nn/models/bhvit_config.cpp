#include "core/nn/models/bhvit_config.h"

#include "core/nn/models/config_fields.h"

#include <algorithm>
#include <cmath>

namespace binvit::nn {
namespace {

std::string stage_name(int64_t stage) { return "stage " + std::to_string(stage + 1); }

template <typename T>
void require_one_per_stage(const std::vector<T>& values, const char* field, int64_t stages) {
  require_field(static_cast<int64_t>(values.size()) == stages, field,
                "must have one entry per stage (" + std::to_string(stages) + ", as 'dims'), has " +
                    std::to_string(values.size()));
}

}  // namespace

std::string to_string(BhvitMixer mixer) { return mixer == BhvitMixer::Msgdc ? "msgdc" : "msmha"; }

BhvitMixer parse_bhvit_mixer(const std::string& name) {
  if (name == "msgdc") return BhvitMixer::Msgdc;
  if (name == "msmha") return BhvitMixer::Msmha;
  throw std::invalid_argument("model config field 'mixers' entries must be msgdc or msmha, got '" +
                              name + "'");
}

BhvitMixer BhvitConfig::mixer(int64_t stage) const {
  return parse_bhvit_mixer(mixers.at(static_cast<size_t>(stage)));
}

int64_t BhvitConfig::map_side(int64_t stage) const {
  return (image_size / stem_patch) >> stage;
}

int64_t BhvitConfig::total_blocks() const {
  int64_t total = 0;
  for (int64_t depth : depths) total += depth;
  return total;
}

int64_t fitted_window(int64_t map_side) { return std::min<int64_t>(7, map_side); }

void BhvitConfig::validate() const {
  require_field(image_size > 0, "image_size", "must be positive");
  require_field(in_channels > 0, "in_channels", "must be positive");
  require_field(num_classes > 1, "num_classes", "must be at least 2");
  require_field(stem_patch > 0 && image_size % stem_patch == 0, "stem_patch",
                "must divide image_size = " + std::to_string(image_size) + ", got " +
                    std::to_string(stem_patch));
  require_field(!dims.empty(), "dims", "must list at least one stage");
  const int64_t s = stages();
  require_one_per_stage(depths, "depths", s);
  require_one_per_stage(mixers, "mixers", s);
  require_one_per_stage(heads, "heads", s);
  require_one_per_stage(window_sizes, "window_sizes", s);
  require_one_per_stage(mlp_ratios, "mlp_ratios", s);
  require_field(msgdc_groups > 0, "msgdc_groups", "must be positive");
  require_field(!msgdc_dilations.empty(), "msgdc_dilations", "must list at least one dilation");
  for (int64_t d : msgdc_dilations) {
    require_field(d > 0, "msgdc_dilations", "must be positive, got " + std::to_string(d));
  }
  require_field(std::isfinite(layer_scale_init), "layer_scale_init", "must be finite");
  require_field(end_bits == 8 || end_bits == 32, "end_bits",
                "must be 8 or 32, got " + std::to_string(end_bits));

  const int64_t first_side = image_size / stem_patch;
  require_field(first_side % (int64_t{1} << (s - 1)) == 0 && first_side >> (s - 1) > 0,
                "image_size",
                "/ stem_patch = " + std::to_string(first_side) + " must be halved " +
                    std::to_string(s - 1) + " times between the " + std::to_string(s) +
                    " stages without remainder");

  for (int64_t i = 0; i < s; ++i) {
    const auto at = static_cast<size_t>(i);
    const int64_t c = dims[at];
    require_field(c > 0, "dims", "must be positive, got " + std::to_string(c));
    // The channel-split shift rolls four channel chunks in four directions.
    require_field(!shift_branches || c % 4 == 0, "dims",
                  "must be multiples of 4 for the channel-split shift branch, " + stage_name(i) +
                      " has " + std::to_string(c));
    require_field(depths[at] > 0, "depths", "must be positive, " + stage_name(i) + " has " +
                                                std::to_string(depths[at]));
    require_field(mlp_ratios[at] > 0, "mlp_ratios", "must be positive, " + stage_name(i) +
                                                        " has " + std::to_string(mlp_ratios[at]));
    const BhvitMixer kind = mixer(i);
    const int64_t side = map_side(i);
    if (kind == BhvitMixer::Msgdc) {
      require_field(c % msgdc_groups == 0, "msgdc_groups",
                    "= " + std::to_string(msgdc_groups) + " must divide the " + stage_name(i) +
                        " width " + std::to_string(c));
    } else {
      require_field(heads[at] > 0 && c % heads[at] == 0, "heads",
                    "must divide the " + stage_name(i) + " width " + std::to_string(c) + ", got " +
                        std::to_string(heads[at]));
      const int64_t w = window_sizes[at];
      require_field(w > 0 && w <= side, "window_sizes",
                    "entry for " + stage_name(i) + " is " + std::to_string(w) +
                        ", larger than its " + std::to_string(side) + "x" + std::to_string(side) +
                        " map (or not positive); use at most " + std::to_string(side));
      require_field(side % w == 0, "window_sizes",
                    "entry for " + stage_name(i) + " (" + std::to_string(w) +
                        ") must divide its map side " + std::to_string(side));
    }
    if (i + 1 < s && !float_downsampling) {
      // The binary downsampling's shortcut repeats the pooled channels.
      require_field(dims[at + 1] % c == 0, "dims",
                    "with binary downsampling each stage's width must be a multiple of the "
                    "previous one, got " + std::to_string(c) + " -> " +
                        std::to_string(dims[at + 1]));
    }
  }
}

nlohmann::json to_json(const BhvitConfig& c) {
  return {{"family", "bhvit"},
          {"image_size", c.image_size},
          {"in_channels", c.in_channels},
          {"num_classes", c.num_classes},
          {"stem_patch", c.stem_patch},
          {"dims", c.dims},
          {"depths", c.depths},
          {"mixers", c.mixers},
          {"heads", c.heads},
          {"window_sizes", c.window_sizes},
          {"mlp_ratios", c.mlp_ratios},
          {"msgdc_dilations", c.msgdc_dilations},
          {"msgdc_groups", c.msgdc_groups},
          {"float_downsampling", c.float_downsampling},
          {"shift_branches", c.shift_branches},
          {"layer_scale_init", c.layer_scale_init},
          {"end_bits", c.end_bits}};
}

BhvitConfig bhvit_config_from_json(const nlohmann::json& json) {
  reject_unknown_fields(json, to_json(BhvitConfig{}));
  BhvitConfig c;
  std::string family = "bhvit";
  read_config_field(json, "family", family);
  require_field(family == "bhvit", "family", "must be 'bhvit' here, got '" + family + "'");
  read_config_field(json, "image_size", c.image_size);
  read_config_field(json, "in_channels", c.in_channels);
  read_config_field(json, "num_classes", c.num_classes);
  read_config_field(json, "stem_patch", c.stem_patch);
  read_config_field(json, "dims", c.dims);
  read_config_field(json, "depths", c.depths);
  read_config_field(json, "mixers", c.mixers);
  read_config_field(json, "heads", c.heads);
  read_config_field(json, "window_sizes", c.window_sizes);
  read_config_field(json, "mlp_ratios", c.mlp_ratios);
  read_config_field(json, "msgdc_dilations", c.msgdc_dilations);
  read_config_field(json, "msgdc_groups", c.msgdc_groups);
  read_config_field(json, "float_downsampling", c.float_downsampling);
  read_config_field(json, "shift_branches", c.shift_branches);
  read_config_field(json, "layer_scale_init", c.layer_scale_init);
  read_config_field(json, "end_bits", c.end_bits);
  c.validate();
  return c;
}

}  // namespace binvit::nn
