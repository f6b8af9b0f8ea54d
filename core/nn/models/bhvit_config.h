#pragma once
// Configuration of BHViT (ALGORITHMS.md 3.1-3.6): a float stem, then stages of MSGDC or MSMHA
// blocks, each with the shift-enhanced binary MLP, joined by binary or float downsampling, then
// BatchNorm, mean pooling and a head. Plain data with a JSON round trip; validate() names the
// offending field. The paper's model has four stages (MSGDC, MSGDC, MSMHA, MSMHA); fewer stages
// are accepted so that 28 px inputs, whose maps cannot be halved three times, still fit.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace binvit::nn {

enum class BhvitMixer { Msgdc, Msmha };

std::string to_string(BhvitMixer mixer);
BhvitMixer parse_bhvit_mixer(const std::string& name);  // msgdc | msmha

struct BhvitConfig {
  int64_t image_size = 224;
  int64_t in_channels = 3;
  int64_t num_classes = 1000;
  int64_t stem_patch = 4;  // the stem conv's kernel and stride
  // One entry per stage.
  std::vector<int64_t> dims{64, 128, 256, 512};
  std::vector<int64_t> depths{2, 2, 6, 2};
  std::vector<std::string> mixers{"msgdc", "msgdc", "msmha", "msmha"};
  std::vector<int64_t> heads{1, 1, 4, 8};         // MSMHA stages only; ignored by MSGDC stages
  std::vector<int64_t> window_sizes{0, 0, 7, 7};  // MSMHA stages only; must divide the map side
  std::vector<int64_t> mlp_ratios{8, 8, 4, 4};    // integer: the MLP shortcut repeats channels
  std::vector<int64_t> msgdc_dilations{1, 3, 5};
  int64_t msgdc_groups = 4;
  bool float_downsampling = false;  // the paper's "some-fp" variant
  bool shift_branches = true;       // the six parameter-free shift branches of the MLP part
  double layer_scale_init = 0.1;    // lambda of the block outputs' LayerScale
  int64_t end_bits = 32;            // stem conv and head: float (as released) or 8-bit LSQ

  int64_t stages() const { return static_cast<int64_t>(dims.size()); }
  BhvitMixer mixer(int64_t stage) const;
  // Side of the square feature map of a stage: image / stem_patch / 2^stage.
  int64_t map_side(int64_t stage) const;
  int64_t tokens(int64_t stage) const { return map_side(stage) * map_side(stage); }
  int64_t total_blocks() const;

  // Throws std::invalid_argument naming the field and the expected value.
  void validate() const;
};

// The window that ALGORITHMS.md 3.1 prescribes for a map side: min(7, side).
int64_t fitted_window(int64_t map_side);

nlohmann::json to_json(const BhvitConfig& config);
// Unknown fields are an error (a typo must not silently fall back to a default).
BhvitConfig bhvit_config_from_json(const nlohmann::json& json);

}  // namespace binvit::nn
