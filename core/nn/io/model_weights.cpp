#include "core/nn/io/model_weights.h"

#include "core/nn/io/released_bhvit_names.h"
#include "core/nn/io/released_gsb_names.h"
#include "core/nn/models/bhvit_config.h"
#include "core/nn/models/deit_config.h"

#include <unordered_map>

namespace binvit::nn {
namespace {

// The released code's names for the family a configuration describes.
NamedTensors to_released_names(const NamedTensors& ours, const nlohmann::json& config) {
  if (config.value("family", "") == "bhvit") {
    return to_released_bhvit(ours, bhvit_config_from_json(config));
  }
  return to_released_gsb(ours, deit_config_from_json(config));
}

NamedTensors from_released_names(const NamedTensors& released, const nlohmann::json& config) {
  if (config.value("family", "") == "bhvit") {
    return from_released_bhvit(released, bhvit_config_from_json(config));
  }
  return from_released_gsb(released, deit_config_from_json(config));
}

// A user importing released weights knows the released names: name them in what is missing.
void name_missing_in_released_terms(LoadReport& report, const nlohmann::json& config) {
  if (config.value("family", "") != "bhvit") return;
  std::unordered_map<std::string, std::string> released_of;
  for (const auto& name : released_bhvit_names(bhvit_config_from_json(config))) {
    released_of.emplace(name.ours, name.released);
  }
  for (std::string& missing : report.missing) {
    const auto found = released_of.find(missing);
    if (found != released_of.end()) missing = found->second + " (" + missing + ")";
  }
}

SafetensorsContent content_of(const torch::nn::Module& model, const nlohmann::json& config) {
  SafetensorsContent content;
  content.metadata["binvit.config"] = config.dump();
  content.metadata["format"] = "pt";
  content.tensors = named_state(model);
  return content;
}

}  // namespace

void save_model_safetensors(const std::filesystem::path& path, const ClassifierModel& model,
                            TensorNaming naming) {
  const nlohmann::json config = model.config_json();
  SafetensorsContent content = content_of(model, config);
  if (naming == TensorNaming::Released) {
    content.tensors = to_released_names(content.tensors, config);
  }
  write_safetensors(path, content);
}

void save_model_safetensors(const std::filesystem::path& path, const SegmentationModel& model) {
  write_safetensors(path, content_of(model, model.config_json()));
}

LoadReport load_model_safetensors(const std::filesystem::path& path, ClassifierModel& model,
                                  TensorNaming naming) {
  const SafetensorsContent content = read_safetensors(path);
  NamedTensors tensors = content.tensors;
  if (naming == TensorNaming::Released) {
    tensors = from_released_names(tensors, model.config_json());
  }
  LoadReport report = load_named_tensors(model, tensors);
  if (naming == TensorNaming::Released) name_missing_in_released_terms(report, model.config_json());
  return report;
}

}  // namespace binvit::nn
