#include "core/train/checkpoint.h"

#include "core/nn/models/model_registry.h"
#include "core/runtime/atomic_file.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <stdexcept>

namespace binvit::train {
namespace {

constexpr const char* kFormat = "binvit-checkpoint-1";

std::string read_string(torch::serialize::InputArchive& archive, const char* key,
                        const std::filesystem::path& path) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isString()) {
    throw std::runtime_error(path.string() + ": not a BinViT checkpoint (no '" + key + "' entry)");
  }
  return value.toStringRef();
}

void open_archive(const std::filesystem::path& path, torch::serialize::InputArchive& archive) {
  if (!std::filesystem::is_regular_file(path)) {
    throw std::runtime_error(path.string() + ": no such checkpoint file");
  }
  try {
    archive.load_from(path.string());
  } catch (const c10::Error& error) {
    throw std::runtime_error(path.string() + ": not a readable LibTorch archive (truncated or "
                             "corrupt): " + error.msg());
  }
}

}  // namespace

void save_checkpoint(const std::filesystem::path& path, const nn::ClassifierModel& model,
                     const nlohmann::json& extra, const torch::optim::Optimizer* optimizer) {
  torch::serialize::OutputArchive archive;
  torch::serialize::OutputArchive weights;
  model.save(weights);
  archive.write("model", weights);
  if (optimizer != nullptr) {
    torch::serialize::OutputArchive state;
    optimizer->save(state);
    archive.write("optimizer", state);
    archive.write("rng", at::detail::getDefaultCPUGenerator().get_state());
  }
  archive.write("format", c10::IValue(std::string(kFormat)));
  archive.write("config", c10::IValue(model.config_json().dump()));
  archive.write("extra", c10::IValue(extra.dump()));
  runtime::replace_file_atomically(path, [&](const std::filesystem::path& temporary) {
    archive.save_to(temporary.string());
  });
}

void load_training_state(const std::filesystem::path& path, torch::optim::Optimizer& optimizer) {
  torch::serialize::InputArchive archive;
  open_archive(path, archive);
  torch::serialize::InputArchive state;
  torch::Tensor rng;
  try {
    if (!archive.try_read("optimizer", state) || !archive.try_read("rng", rng)) {
      throw std::runtime_error(path.string() + ": holds no optimizer state (not a training "
                               "checkpoint)");
    }
    optimizer.load(state);
  } catch (const c10::Error& error) {
    throw std::runtime_error(path.string() + ": optimizer state does not fit this model: " +
                             error.msg());
  }
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  generator.set_state(rng);
}

Checkpoint load_checkpoint(const std::filesystem::path& path) {
  torch::serialize::InputArchive archive;
  open_archive(path, archive);
  if (read_string(archive, "format", path) != kFormat) {
    throw std::runtime_error(path.string() + ": unsupported checkpoint format");
  }
  Checkpoint checkpoint;
  try {
    checkpoint.config = nlohmann::json::parse(read_string(archive, "config", path));
    checkpoint.extra = nlohmann::json::parse(read_string(archive, "extra", path));
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(path.string() + ": corrupt configuration: " + error.what());
  }
  checkpoint.model = nn::build_model(checkpoint.config);
  torch::serialize::InputArchive weights;
  try {
    archive.read("model", weights);
    checkpoint.model->load(weights);
  } catch (const c10::Error& error) {
    throw std::runtime_error(path.string() + ": weights do not match the stored configuration: " +
                             error.msg());
  }
  return checkpoint;
}

}  // namespace binvit::train
