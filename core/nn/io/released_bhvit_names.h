#pragma once
// Tensor names of the authors' released Python BHViT (IMRL/BHViT, transformer/BHViT.py, class
// BHViTForImageClassification built with BatchNorm as its norm) and how they map to this
// project's names, so weights trained with the released code can be imported and exported.
//
// Where the layouts differ: the released per-channel shifts of MSGDC and of the binary
// downsampling are (1, C, 1, 1), the merged-token weight a is (1, 1, C) and the window weight p
// is (1, C, 1, 1) (ours: (C)); the QD quantizer's `init_state` is a float buffer (ours: the
// uint8 `initialized` flag). The released encoder numbers MSGDC blocks across stages as
// layerA.i and MSMHA blocks as layerB.i, and the downsamplings patch_embed1..3.
// Tensors without a released counterpart (8-bit end layers' steps) keep our names.

#include "core/nn/io/state_transfer.h"
#include "core/nn/models/bhvit_config.h"

#include <string>
#include <vector>

namespace binvit::nn {

struct ReleasedBhvitName {
  std::string ours;
  std::string released;
  std::vector<int64_t> released_shape;  // empty: the same shape as ours
  bool init_flag = false;               // ours uint8 `initialized` <-> released float `init_state`
};

std::vector<ReleasedBhvitName> released_bhvit_names(const BhvitConfig& config);

// Released state -> our names. Names without a pair pass through unchanged (the load reports them).
NamedTensors from_released_bhvit(const NamedTensors& released, const BhvitConfig& config);

// Our state -> released names and layouts.
NamedTensors to_released_bhvit(const NamedTensors& ours, const BhvitConfig& config);

}  // namespace binvit::nn
