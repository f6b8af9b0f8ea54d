#pragma once
// One function per graph operation (model_graph.h): input matrices in, output matrix out
// (never the same object), optional trace for verification. `images` is the batch size.

#include "core/runtime/engine/matrix.h"
#include "core/runtime/engine/model_graph.h"
#include "core/runtime/engine/trace.h"

namespace binvit::runtime::engine {

void run_patch_embed(const PatchEmbedOp& op, const Matrix& images, Matrix& out);
void run_tokens(const TokensOp& op, const Matrix& patches, std::size_t images, Matrix& out);
void run_linear(const LinearOp& op, const Matrix& in, std::size_t tokens, Matrix& out);
void run_binary_linear(const BinaryLinearOp& op, const Matrix& in, Matrix& out, Trace* trace);
void run_int8_linear(const Int8LinearOp& op, const Matrix& in, std::size_t tokens, Matrix& out);
void run_attention(const AttentionOp& op, const Matrix& qkv, std::size_t images, Matrix& out,
                   Trace* trace);

// BHViT's ops (spatial_ops.cpp, qd_attention.cpp); `images` is the batch size.
void run_channel_affine(const ChannelAffineOp& op, const Matrix& in, Matrix& out);
void run_rprelu(const RpreluOp& op, const Matrix& in, Matrix& out);
void run_shortcut_add(const ShortcutAddOp& op, const Matrix& a, const Matrix& b, Matrix& out);
void run_binary_conv(const BinaryConvOp& op, const Matrix& in, std::size_t images, Matrix& out,
                     Trace* trace);
void run_float_conv(const FloatConvOp& op, const Matrix& in, std::size_t images, Matrix& out);
void run_avg_pool(const AvgPoolOp& op, const Matrix& in, std::size_t images, Matrix& out);
void run_shift_branches(const ShiftBranchesOp& op, const Matrix& in, std::size_t images,
                        Matrix& out);
void run_window_tokens(const WindowTokensOp& op, const Matrix& in, std::size_t images, Matrix& out);
void run_window_merge(const WindowMergeOp& op, const Matrix& in, std::size_t images, Matrix& out);
void run_token_mean(const TokenMeanOp& op, const Matrix& in, std::size_t images, Matrix& out);
void run_relu(const Matrix& in, Matrix& out);
void run_upsample_nearest(const UpsampleNearestOp& op, const Matrix& in, std::size_t images,
                          Matrix& out);
void run_resize_bilinear(const ResizeBilinearOp& op, const Matrix& in, std::size_t images,
                         Matrix& out);
void run_qd_attention(const QdAttentionOp& op, const Matrix& q, const Matrix& k, const Matrix& v,
                      Matrix& out, Trace* trace);

}  // namespace binvit::runtime::engine
