#include "core/runtime/engine/binary_epilogue.h"

#include "core/runtime/engine/wrapper_rows.h"
#include "core/runtime/kernels/parallel.h"

#include <type_traits>
#include <variant>

namespace binvit::runtime::engine {
namespace {

// Whether `op` reads the buffer `name`.
bool reads(const Op& any, const std::string& name) {
  return std::visit(
      [&](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, AddOp> || std::is_same_v<T, MeanOp> ||
                      std::is_same_v<T, ShortcutAddOp>) {
          return op.a == name || op.b == name;
        } else if constexpr (std::is_same_v<T, QdAttentionOp>) {
          return op.query == name || op.key == name || op.value == name;
        } else {
          return op.in == name;
        }
      },
      any);
}

std::string written_by(const Op& any) {
  return std::visit([](const auto& op) { return op.out; }, any);
}

// Whether some op from ops[from] on reads `name` before one overwrites it (or it is the output).
bool read_later(const std::vector<Op>& ops, std::size_t from, const std::string& name,
                const std::string& graph_output) {
  for (std::size_t k = from; k < ops.size(); ++k) {
    if (reads(ops[k], name)) return true;
    if (written_by(ops[k]) == name) return false;
  }
  return name == graph_output;
}

}  // namespace

BinaryEpilogue fuse_binary_epilogue(const std::vector<Op>& ops, std::size_t binary,
                                    const std::string& graph_output) {
  const std::string values = written_by(ops[binary]);
  BinaryEpilogue e;
  e.out = values;
  std::size_t next = binary + 1;
  const auto at = [&](std::size_t k) { return k < ops.size() ? &ops[k] : nullptr; };
  if (const auto* op = at(next); op != nullptr) {
    if (const auto* affine = std::get_if<ChannelAffineOp>(op);
        affine != nullptr && affine->in == values && affine->out == values) {
      e.affine = affine;
      ++next;
    }
  }
  if (const auto* op = at(next); op != nullptr) {
    if (const auto* shortcut = std::get_if<ShortcutAddOp>(op);
        shortcut != nullptr && shortcut->a == values && shortcut->b != values &&
        shortcut->out == values) {
      e.shortcut = shortcut;
      ++next;
    }
  }
  if (const auto* op = at(next); op != nullptr) {
    if (const auto* rprelu = std::get_if<RpreluOp>(op);
        rprelu != nullptr && rprelu->in == values &&
        (rprelu->out == values || !read_later(ops, next + 1, values, graph_output))) {
      e.rprelu = rprelu;
      e.out = rprelu->out;
    }
  }
  return e;
}

void apply_binary_epilogue(const BinaryEpilogue& e, const Matrix* shortcut_source, Matrix& values) {
  const std::size_t c = values.cols;
  kernels::parallel_for(values.rows, kRowGrain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      float* y = values.row(r);
      if (e.affine != nullptr) channel_affine_row(y, e.affine->scale, e.affine->shift, y, c);
      if (e.shortcut != nullptr)
        shortcut_add_row(y, shortcut_source->row(r), c, e.shortcut->in_channels, y);
      if (e.rprelu != nullptr)
        rprelu_row(y, e.rprelu->gamma, e.rprelu->slope, e.rprelu->zeta, y, c);
    }
  });
}

}  // namespace binvit::runtime::engine
