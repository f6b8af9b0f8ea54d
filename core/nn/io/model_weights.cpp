#include "core/nn/io/model_weights.h"

#include "core/nn/io/released_gsb_names.h"
#include "core/nn/models/deit_config.h"

namespace binvit::nn {

void save_model_safetensors(const std::filesystem::path& path, const ClassifierModel& model,
                            TensorNaming naming) {
  SafetensorsContent content;
  const nlohmann::json config = model.config_json();
  content.metadata["binvit.config"] = config.dump();
  content.metadata["format"] = "pt";
  content.tensors = named_state(model);
  if (naming == TensorNaming::Released) {
    content.tensors = to_released_gsb(content.tensors, deit_config_from_json(config));
  }
  write_safetensors(path, content);
}

LoadReport load_model_safetensors(const std::filesystem::path& path, ClassifierModel& model,
                                  TensorNaming naming) {
  const SafetensorsContent content = read_safetensors(path);
  NamedTensors tensors = content.tensors;
  if (naming == TensorNaming::Released) {
    tensors = from_released_gsb(tensors, deit_config_from_json(model.config_json()));
  }
  return load_named_tensors(model, tensors);
}

}  // namespace binvit::nn
