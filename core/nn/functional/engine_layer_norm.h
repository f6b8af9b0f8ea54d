#pragma once
// LayerNorm for evaluation, computed by the packed engine's own routine, so that the values
// reaching a binarizer after a LayerNorm are bit-identical in LibTorch and in the engine.
// LibTorch's CPU LayerNorm and the engine's differ in the last bit now and then (their moments
// are summed in different orders); after a sign that is a flipped bit, and verification asks
// for none. Training keeps LibTorch's kernel and its autograd.

#include <torch/torch.h>

namespace binvit::nn::functional {

// norm(x) over the last dimension. In evaluation (module not training, no gradient needed) and
// for float32 CPU input it runs runtime::engine::layer_norm; otherwise norm->forward(x).
torch::Tensor evaluation_exact_layer_norm(torch::nn::LayerNorm& norm, const torch::Tensor& x);

}  // namespace binvit::nn::functional
