#pragma once
// Per-layer cost accounting the way the binary-network papers count it:
//   FLOPs = float (and 8-bit) multiply-accumulates, BOPs = binary multiply-accumulates,
//   OPs = FLOPs + BOPs / 64 (Bi-Real Net / ReActNet convention).
// 8-bit layers are counted at full FLOPs (not FLOPs / 4): the conservative choice, stated in
// every table. Element-wise work (LayerNorm, softmax, GELU, residual adds) is not counted, as in
// the DeiT paper's 4.6 GFLOPs for DeiT-Small.

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace binvit::nn {

struct LayerCost {
  std::string name;                   // e.g. "blocks.0.attn.qkv"
  std::string type;                   // e.g. "BinaryLinear"
  std::vector<int64_t> output_shape;  // per image, without the batch dimension
  int64_t parameters = 0;
  std::string bits;                   // weights/activations, e.g. "W1A1", "W8A8", "W32A32"
  double flops = 0;
  double bops = 0;
  int64_t float_bytes = 0;   // every parameter as float32
  int64_t packed_bytes = 0;  // 1-bit weights packed in 64-bit words, int8 as bytes, rest float32
  double ops() const { return flops + bops / 64.0; }
};

struct ModelSummary {
  std::string model;
  std::vector<int64_t> input_shape;  // (C, H, W)
  std::vector<LayerCost> layers;

  int64_t total_parameters() const;
  double total_flops() const;
  double total_bops() const;
  double total_ops() const;
  int64_t total_float_bytes() const;
  int64_t total_packed_bytes() const;
};

int64_t count_parameters(const torch::nn::Module& module);

// Bytes of one weight tensor stored at `bits` (1: rows of 64-bit words plus a float scale per
// row; 8: one byte per element plus a float step per row; otherwise float32).
int64_t weight_storage_bytes(const torch::Tensor& weight, int bits);

// A row for a layer whose main weight is `weight` at `weight_bits`, its other parameters float.
LayerCost weighted_layer_cost(std::string name, std::string type, const torch::nn::Module& module,
                              const torch::Tensor& weight, int weight_bits, int activation_bits,
                              double macs, std::vector<int64_t> output_shape);

// A row for parameters without a main weight (tokens, norms, quantizer scales), and for
// parameter-free products (q.k^T, A.V) with their MACs.
LayerCost plain_layer_cost(std::string name, std::string type, int64_t float_parameters,
                           double flops, double bops, std::string bits,
                           std::vector<int64_t> output_shape);

nlohmann::json to_json(const ModelSummary& summary);
std::string format_table(const ModelSummary& summary);

}  // namespace binvit::nn
