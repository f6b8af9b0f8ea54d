#include "core/nn/io/state_transfer.h"

#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace binvit::nn {
namespace {

std::string shape_text(const torch::Tensor& t) {
  std::ostringstream out;
  out << t.sizes();
  return out.str();
}

void append_list(std::ostringstream& out, const char* title, const std::vector<std::string>& names) {
  if (names.empty()) return;
  out << title << " (" << names.size() << "):";
  for (const auto& name : names) out << " " << name;
  out << "\n";
}

}  // namespace

std::string LoadReport::describe() const {
  std::ostringstream out;
  out << "loaded " << loaded.size() << " tensors\n";
  append_list(out, "missing from the source, left as initialised", missing);
  append_list(out, "not in the model, skipped", unexpected);
  append_list(out, "wrong shape, skipped", mismatched);
  return out.str();
}

NamedTensors named_state(const torch::nn::Module& model) {
  NamedTensors state;
  for (const auto& p : model.named_parameters()) state.emplace_back(p.key(), p.value());
  for (const auto& b : model.named_buffers()) state.emplace_back(b.key(), b.value());
  return state;
}

LoadReport load_named_tensors(torch::nn::Module& model, const NamedTensors& source) {
  LoadReport report;
  std::unordered_map<std::string, torch::Tensor> targets;
  for (auto& [name, tensor] : named_state(model)) targets.emplace(name, tensor);
  std::unordered_map<std::string, bool> provided;
  torch::NoGradGuard no_grad;
  for (const auto& [name, tensor] : source) {
    const auto target = targets.find(name);
    if (target == targets.end()) {
      report.unexpected.push_back(name);
      continue;
    }
    if (target->second.sizes() != tensor.sizes()) {
      report.mismatched.push_back(name + ": source " + shape_text(tensor) + " vs model " +
                                  shape_text(target->second));
      continue;
    }
    target->second.copy_(tensor.to(target->second.dtype()));
    report.loaded.push_back(name);
    provided[name] = true;
  }
  for (const auto& [name, tensor] : named_state(model)) {
    if (!provided.count(name)) report.missing.push_back(name);
  }
  return report;
}

void require_complete(const LoadReport& report, const std::string& origin) {
  if (!report.complete()) {
    throw std::runtime_error(origin + " does not match the model:\n" + report.describe());
  }
}

}  // namespace binvit::nn
