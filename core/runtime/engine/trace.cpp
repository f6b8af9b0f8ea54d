#include "core/runtime/engine/trace.h"

namespace binvit::runtime::engine {

TraceEntry& Trace::add(const std::string& name, std::vector<std::size_t> shape, bool is_bits) {
  std::size_t elements = 1;
  for (std::size_t d : shape) elements *= d;
  TraceEntry entry;
  entry.name = name;
  entry.shape = std::move(shape);
  if (is_bits) entry.bits.assign(elements, 0);
  else entry.counts.assign(elements, 0);
  entries_.push_back(std::move(entry));
  return entries_.back();
}

const TraceEntry* Trace::find(const std::string& name) const {
  for (const TraceEntry& e : entries_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace binvit::runtime::engine
