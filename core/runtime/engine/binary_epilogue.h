#pragma once
// BHViT wraps every binary layer as rprelu(shortcut + norm(binary(x))) (ALGORITHMS.md 3), and
// the graph spells the wrapper as separate ops, each a pass over the layer's whole output. The
// engine runs the channel affine, shortcut add and RPReLU that directly follow a binary linear or
// binary convolution as one pass, row by row while the row is in cache. Each element goes
// through the same float operations in the same order as with the separate ops, so the result
// is bit-identical; the file format does not change.

#include "core/runtime/engine/matrix.h"
#include "core/runtime/engine/model_graph.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace binvit::runtime::engine {

struct BinaryEpilogue {
  const ChannelAffineOp* affine = nullptr;
  const ShortcutAddOp* shortcut = nullptr;
  const RpreluOp* rprelu = nullptr;
  std::string out;  // where the last fused op writes

  std::size_t fused_ops() const {
    return (affine != nullptr ? 1 : 0) + (shortcut != nullptr ? 1 : 0) +
           (rprelu != nullptr ? 1 : 0);
  }
};

// The ops after ops[binary] (a binary linear or binary conv) that can run in its epilogue: a
// channel affine in place, then a shortcut add in place, then an RPReLU, each optional but in
// this order, with matching channels. An RPReLU that writes elsewhere joins only when nothing
// reads the layer's own buffer afterwards, since fusing leaves that buffer without the
// pre-activation values.
BinaryEpilogue fuse_binary_epilogue(const std::vector<Op>& ops, std::size_t binary,
                                    const std::string& graph_output);

// Applies the epilogue to the binary layer's output in place; `shortcut_source` is the buffer the
// shortcut adds (its `b`), or null without a shortcut.
void apply_binary_epilogue(const BinaryEpilogue& epilogue, const Matrix* shortcut_source,
                           Matrix& values);

}  // namespace binvit::runtime::engine
