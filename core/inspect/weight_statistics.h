#pragma once
// Statistics of the latent (float) weights behind the binary layers: histograms, and how many
// binarized weights change sign between two checkpoints (BHViT's weight-oscillation problem made
// visible). Torch-free results; binary_layers.h has the LibTorch side.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace binvit::inspect {

// A binary layer of a model (a BinaryLinear or BinaryConv2d module), by its dotted module name.
struct BinaryLayerInfo {
  std::string name;             // e.g. "blocks.0.attn.qkv"
  std::string kind;             // "BinaryLinear" | "BinaryConv2d"
  std::string weight_mode;      // float | bwn | bwn-channel | centred-sign (binarization_modes.h)
  std::string activation_mode;  // float | elastic-signed | elastic-unsigned | approx-sign
  bool binary_weights = false;
  long long weights = 0;
  double weight_plus_one = 0;  // share of binarized weights that are +a; NaN for float weights
};

struct WeightHistogramOptions {
  int bins = 64;
  // The range; both NaN (the default): the layer's own min and max.
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
};

struct WeightHistogram {
  std::string layer;
  double lo = 0, hi = 0;           // bin i covers [lo + i w, lo + (i + 1) w), the last includes hi
  std::vector<long long> counts;   // one per bin
  long long below = 0, above = 0;  // values outside [lo, hi]
  double mean = 0, stddev = 0;     // of all values
  double bin_width() const { return counts.empty() ? 0.0 : (hi - lo) / counts.size(); }
};

struct LayerSignFlips {
  std::string layer;
  long long weights = 0;
  long long flipped = 0;  // binarized weights whose sign differs between the two checkpoints
  double rate = 0;        // flipped / weights
};

struct SignFlipReport {
  std::vector<LayerSignFlips> layers;  // binary-weight layers in model order
  long long weights = 0;
  long long flipped = 0;
  double rate = 0;  // flipped / weights over all layers (weighted by size, not a mean of rates)
};

// Histogram of arbitrary values (the layer-free core of the latent-weight histogram).
// Throws std::invalid_argument when bins < 1 or the range is empty or inverted.
WeightHistogram histogram(const std::vector<float>& values, const WeightHistogramOptions& options);

// The sign-flip rate between two checkpoints of the same architecture (e.g. two epochs of one
// stage). Throws std::runtime_error naming a file that cannot be read, and std::invalid_argument
// when the binary layers differ in names or shapes.
SignFlipReport sign_flip_rate(const std::filesystem::path& before,
                              const std::filesystem::path& after);

}  // namespace binvit::inspect
