#include "core/runtime/engine/engine.h"

#include "core/runtime/engine/float_ops.h"
#include "core/runtime/engine/ops.h"
#include "core/runtime/kernels/parallel.h"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace binvit::runtime::engine {

Engine Engine::load(const std::filesystem::path& path) {
  return Engine(format::BvitFile::read(path));
}

Engine::Engine(format::BvitFile file)
    : file_(std::move(file)), graph_(parse_model_graph(file_)), epilogues_(graph_.ops.size()) {
  for (std::size_t i = 0; i < graph_.ops.size(); ++i) {
    if (std::holds_alternative<BinaryLinearOp>(graph_.ops[i]) ||
        std::holds_alternative<BinaryConvOp>(graph_.ops[i])) {
      epilogues_[i] = fuse_binary_epilogue(graph_.ops, i, graph_.output);
    }
  }
}

std::size_t Engine::fused_ops() const {
  std::size_t n = 0;
  for (const BinaryEpilogue& e : epilogues_) n += e.fused_ops();
  return n;
}

std::size_t Engine::image_floats() const {
  const Preprocessing& p = graph_.preprocessing;
  return p.channels * p.image_size * p.image_size;
}

namespace {
// Lets the caller replace the input `name` of a binarizing op; the replacement must keep the shape
// the op was validated for.
void offer_input(const Engine::InputOverride& override_input, const std::string& name, Matrix& m,
                 const std::string& op) {
  if (!override_input) return;
  const std::size_t rows = m.rows, cols = m.cols;
  override_input(name, m);
  if (m.cols != cols || m.rows != rows || m.data.size() != rows * cols) {
    throw std::invalid_argument("input of op '" + op + "' has shape " + std::to_string(m.rows) +
                                " x " + std::to_string(m.cols) + ", expected " +
                                std::to_string(rows) + " x " + std::to_string(cols));
  }
}
}  // namespace

template <typename T>
void Engine::run_spatial(const T& op, std::size_t batch, Matrix& result, Trace* trace,
                         const InputOverride& override_input) {
  if constexpr (std::is_same_v<T, ShortcutAddOp>) {
    run_shortcut_add(op, buffers_.at(op.a), buffers_.at(op.b), result);
  } else if constexpr (std::is_same_v<T, QdAttentionOp>) {
    Matrix* inputs[3] = {&buffers_.at(op.query), &buffers_.at(op.key), &buffers_.at(op.value)};
    const char* parts[3] = {".query_input", ".key_input", ".value_input"};
    for (int i = 0; i < 3; ++i)
      offer_input(override_input, op.name + parts[i], *inputs[i], op.name);
    run_qd_attention(op, *inputs[0], *inputs[1], *inputs[2], result, trace);
  } else {
    Matrix& in = buffers_.at(op.in);
    if constexpr (std::is_same_v<T, ChannelAffineOp>) {
      run_channel_affine(op, in, result);
    } else if constexpr (std::is_same_v<T, RpreluOp>) {
      run_rprelu(op, in, result);
    } else if constexpr (std::is_same_v<T, BinaryConvOp>) {
      offer_input(override_input, op.name, in, op.name);
      run_binary_conv(op, in, batch, result, trace);
    } else if constexpr (std::is_same_v<T, FloatConvOp>) {
      run_float_conv(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, AvgPoolOp>) {
      run_avg_pool(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, ShiftBranchesOp>) {
      run_shift_branches(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, WindowTokensOp>) {
      run_window_tokens(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, WindowMergeOp>) {
      run_window_merge(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, TokenMeanOp>) {
      run_token_mean(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, ReluOp>) {
      run_relu(in, result);
    } else if constexpr (std::is_same_v<T, UpsampleNearestOp>) {
      run_upsample_nearest(op, in, batch, result);
    } else if constexpr (std::is_same_v<T, ResizeBilinearOp>) {
      run_resize_bilinear(op, in, batch, result);
    }
  }
}

std::vector<float> Engine::run(const float* images, std::size_t batch, Trace* trace,
                               const InputOverride& override_input) {
  if (batch == 0) return {};
  Matrix& input = buffers_["images"];
  input.resize(batch, image_floats());
  std::copy(images, images + batch * image_floats(), input.data.begin());

  // Each op writes a fresh matrix that then replaces its output buffer, so an op may name the
  // same buffer as input and output.
  Matrix result;
  for (std::size_t index = 0; index < graph_.ops.size(); ++index) {
    const Op& any = graph_.ops[index];
    std::string out_name;
    std::visit(
        [&](const auto& op) {
          using T = std::decay_t<decltype(op)>;
          out_name = op.out;
          if constexpr (std::is_same_v<T, PatchEmbedOp>) {
            run_patch_embed(op, buffers_.at(op.in), result);
          } else if constexpr (std::is_same_v<T, TokensOp>) {
            run_tokens(op, buffers_.at(op.in), batch, result);
          } else if constexpr (std::is_same_v<T, LayerNormOp>) {
            const Matrix& in = buffers_.at(op.in);
            result.resize(in.rows, in.cols);
            layer_norm(in.data.data(), in.rows, in.cols, op.eps, op.weight, op.bias,
                       result.data.data());
          } else if constexpr (std::is_same_v<T, LinearOp>) {
            const Matrix& in = buffers_.at(op.in);
            run_linear(op, in, in.rows / batch, result);
          } else if constexpr (std::is_same_v<T, BinaryLinearOp>) {
            Matrix& in = buffers_.at(op.in);
            offer_input(override_input, op.name, in, op.name);
            run_binary_linear(op, in, result, trace);
          } else if constexpr (std::is_same_v<T, Int8LinearOp>) {
            const Matrix& in = buffers_.at(op.in);
            run_int8_linear(op, in, in.rows / batch, result);
          } else if constexpr (std::is_same_v<T, AttentionOp>) {
            Matrix& in = buffers_.at(op.in);
            if (op.binary) offer_input(override_input, op.name, in, op.name);
            run_attention(op, in, batch, result, trace);
          } else if constexpr (std::is_same_v<T, GeluOp>) {
            const Matrix& in = buffers_.at(op.in);
            result.resize(in.rows, in.cols);
            gelu(in.data.data(), in.data.size(), op.clamp ? op.clamp_value : 0.0f,
                 result.data.data());
          } else if constexpr (std::is_same_v<T, AddOp> || std::is_same_v<T, MeanOp>) {
            const Matrix& a = buffers_.at(op.a);
            const Matrix& b = buffers_.at(op.b);
            result.resize(a.rows, a.cols);
            for (std::size_t i = 0; i < a.data.size(); ++i) {
              const float sum = a.data[i] + b.data[i];
              result.data[i] = std::is_same_v<T, MeanOp> ? sum / 2.0f : sum;
            }
          } else {
            run_spatial(op, batch, result, trace, override_input);
          }
        },
        any);
    const BinaryEpilogue& epilogue = epilogues_[index];
    if (fuse_epilogues_ && epilogue.fused_ops() > 0) {
      const Matrix* shortcut =
          epilogue.shortcut != nullptr ? &buffers_.at(epilogue.shortcut->b) : nullptr;
      apply_binary_epilogue(epilogue, shortcut, result);
      out_name = epilogue.out;
      index += epilogue.fused_ops();
    }
    std::swap(buffers_[out_name], result);
  }
  return buffers_.at(graph_.output).data;
}

void set_engine_threads(int threads) { kernels::set_num_threads(threads); }

}  // namespace binvit::runtime::engine
