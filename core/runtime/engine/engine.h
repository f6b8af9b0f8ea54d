#pragma once
// The packed inference engine: loads a `.bvit` (validated by the reader, the graph checked by
// parse_model_graph) and runs batches of images through it. Standard library only, so an
// exported model runs where neither LibTorch nor Qt is installed.
//
// Input: `batch` images, NCHW float, already preprocessed (resize + normalisation as described
// by graph().preprocessing). Output: batch x classes logits, the prediction of the LibTorch
// model's forward() in eval mode (the mean of the class and distillation heads).
// With a `batch` threshold scope (graph().batch_dependent) an image's output depends on the
// other images of the call, exactly as in the released GSB code; the `image` and `row` scopes
// do not.

#include "core/runtime/engine/binary_epilogue.h"
#include "core/runtime/engine/matrix.h"
#include "core/runtime/engine/model_graph.h"
#include "core/runtime/engine/trace.h"
#include "core/runtime/format/bvit_file.h"

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace binvit::runtime::engine {

class Engine {
 public:
  // Throws format::BvitError naming the file and what is wrong.
  static Engine load(const std::filesystem::path& path);
  explicit Engine(format::BvitFile file);

  const ModelGraph& graph() const { return graph_; }
  const format::BvitFile& file() const { return file_; }
  std::size_t classes() const { return graph_.classes.size(); }
  // Floats per input image: channels x image_size x image_size.
  std::size_t image_floats() const;

  // Called before every binary linear and every binary attention op with the op's name and its
  // input matrix, which it may replace: verification feeds each binarizing op the reference model's
  // input, so that bits are compared layer by layer on identical inputs.
  using InputOverride = std::function<void(const std::string& op_name, Matrix& input)>;

  // images: batch x image_floats() floats. Returns batch x classes() logits. With a trace,
  // records every binarized activation and binary product (trace.h).
  std::vector<float> run(const float* images, std::size_t batch, Trace* trace = nullptr,
                         const InputOverride& override_input = nullptr);

  // Whether binary layers run the wrapper ops that follow them in their epilogue
  // (binary_epilogue.h; on by default). The results are the same either way.
  void set_fused_epilogues(bool on) { fuse_epilogues_ = on; }
  // How many ops of the graph run inside a binary layer's epilogue when fusing.
  std::size_t fused_ops() const;

 private:
  // BHViT's ops (model_graph.h), dispatched by type.
  template <typename T>
  void run_spatial(const T& op, std::size_t batch, Matrix& result, Trace* trace,
                   const InputOverride& override_input);

  format::BvitFile file_;
  ModelGraph graph_;
  std::vector<BinaryEpilogue> epilogues_;  // per op; empty for all but binary layers
  bool fuse_epilogues_ = true;
  std::map<std::string, Matrix> buffers_;  // kept between runs to reuse their memory
};

// The kernels' process-wide thread count (kernels/parallel.h), for callers of the engine.
void set_engine_threads(int threads);

}  // namespace binvit::runtime::engine
