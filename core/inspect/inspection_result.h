#pragma once
// What ModelInspector::inspect() returns for one image: value types only (std::vector<float>,
// std::string, cv::Mat), so a Qt worker can pass it through a queued signal and the GUI never
// includes a LibTorch header. Map layouts: attention_layout.h.

#include "core/inspect/attention_layout.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace binvit::inspect {

struct Prediction {
  int index = 0;
  std::string name;
  float probability = 0;  // softmax of the model's prediction (the mean of its heads)
};

// One attention module (e.g. "blocks.3.attn" or "stages.2.blocks.0.mixer"). Every map vector is
// either empty (the model does not have that part) or layout.map_size() floats.
struct AttentionLayer {
  std::string name;
  int head_dim = 0;
  AttentionLayout layout;

  // softmax(q k^T / sqrt(d)) before any quantization (float and binary models alike).
  std::vector<float> probabilities;
  // What the product with V uses: GSB's A_q, the baseline's {0, a1} map, BHViT's QD map.
  std::vector<float> quantized;

  // GSB (ALGORITHMS.md 2.3). base_map = clip(round(A/a1), 0, 1); attention_masks[k] is
  // M_{k+2} (M2, M3, ...), entries 0 or 1. Empty for float and BHViT models.
  std::vector<float> base_map;
  std::vector<std::vector<float>> attention_masks;
  // The value side per token, [window][head][token] (windows * heads * tokens floats): the share
  // of the head's d channels where sgn(v~) = +1, and for every value group G2, G3, ... the share
  // of channels inside the group. The full (N, d) components are too big to be worth showing.
  std::vector<float> value_plus_one_share;
  std::vector<std::vector<float>> value_group_share;
  // Learned scales as stored: GSB a_1..a_K (attention) and b_1..b_K (value), the increments of
  // the superposition; BHViT: attention_scales are the per-head alphas of QD.
  std::vector<float> attention_scales;
  std::vector<float> value_scales;

  // BHViT's QD attention (ALGORITHMS.md 3.6): the s binary maps whose alpha-weighted sum is A_q,
  // each layout.map_size() floats of 0/1, and the per-head zero points.
  std::vector<std::vector<float>> qd_maps;
  std::vector<float> attention_zero_points;
};

// The +1 share of one binary layer's binarized operands. NaN where a side is float (a stage-1
// layer with float activations) or was not used by this forward.
struct BinaryLayerShares {
  std::string layer;           // e.g. "blocks.0.mlp.fc1"
  double activation_plus_one;  // share of binarized input elements > 0 (+alpha, or alpha of {0,
                               // alpha})
  double weight_plus_one;      // share of binarized weights = +a (sgn(0) = +1)
  long long activations = 0;   // elements counted
  long long weights = 0;
};

struct InspectionResult {
  std::string model_name;
  std::vector<std::string> class_names;
  std::vector<float> probabilities;  // one per class
  std::vector<Prediction> top;       // the five most probable classes (fewer if fewer classes)

  // What the model saw, before normalisation: the eval transforms' resized (and cropped) image,
  // 8-bit grey (CV_8UC1) or RGB (CV_8UC3), image_size x image_size. Overlays belong on this.
  cv::Mat model_input;

  std::vector<AttentionLayer> attention;  // input layer first

  // Attention rollout over every layer (attention_rollout.h, residual weight 0.5) of the head
  // mean of `probabilities`: rollout_layout.tokens^2 floats, rows sum to 1. Empty when the
  // layers do not share one global token set (BHViT: windows, and stages of different sizes).
  std::vector<float> rollout;
  AttentionLayout rollout_layout;  // heads == 1

  // Binary layers in model order (BinaryLinear / BinaryConv2d modules).
  std::vector<BinaryLayerShares> binary_layers;

  // Things the reader should know, in full sentences (e.g. that scales which had never seen data
  // were initialised from this image).
  std::vector<std::string> notes;
};

}  // namespace binvit::inspect
