#pragma once
// Tensor names of the authors' released Python GSB-DeiT (IMRL/GSB-Vision-Transformer,
// One_bit_vit_new.py for stage 2, One_bit_vit_weight.py for stage 1) and how they map to this
// project's names, so weights trained with the released code can be imported and exported.
//
// Where the layouts differ: the released code stores each scale as a 0-d tensor (ours: shape
// (1)); the three superposition scales clip_attn/clip_attn2/clip_attn3 and clip_value/2/3 are
// separate tensors (ours: one (3) tensor each); the 8-bit heads' weight step is one scalar (ours:
// one per output channel, so it is broadcast on import and exported per channel). The released
// AlphaInit scales re-initialise from data when they still hold exactly 1.0; imported scales
// that differ from 1.0 are marked initialised here. Names not listed are the same in both.

#include "core/nn/io/state_transfer.h"
#include "core/nn/models/deit_config.h"

#include <string>
#include <vector>

namespace binvit::nn {

enum class NameTransform {
  Same,       // same shape, another name
  Scalar,     // released 0-d <-> ours (1)
  Stack,      // released k 0-d tensors <-> ours (k)
  Broadcast,  // released 0-d -> ours (n) filled with the value; exported as (n)
};

struct ReleasedNamePair {
  std::string ours;
  std::vector<std::string> released;
  NameTransform transform;
};

std::vector<ReleasedNamePair> released_gsb_name_pairs(const DeitConfig& config);

// Released state -> our names (plus `initialized` flags for the imported scales).
NamedTensors from_released_gsb(const NamedTensors& released, const DeitConfig& config);

// Our state -> released names (our `initialized` flags are dropped: the released code has none).
NamedTensors to_released_gsb(const NamedTensors& ours, const DeitConfig& config);

}  // namespace binvit::nn
