#pragma once
// Parsing of BHViT's ops (model_graph.h lists them): maps of tokens, convolutions, shifts, the
// window attention with QD. Shares the op reader and buffer bookkeeping of model_graph.cpp.

#include "core/runtime/engine/model_graph.h"
#include "core/runtime/engine/op_reader.h"

#include <string>
#include <vector>

namespace binvit::runtime::engine {

// Parses op `kind` into `ops` and defines its output buffer; false when `kind` is not one of
// these ops. Throws format::BvitError naming the op and field.
bool parse_spatial_op(const std::string& kind, const std::string& name, const OpReader& op,
                      Buffers& buffers, std::vector<Op>& ops);

}  // namespace binvit::runtime::engine
