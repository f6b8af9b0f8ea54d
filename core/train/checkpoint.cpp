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
    throw std::runtime_error(path.string() +
                             ": not a readable LibTorch archive (truncated or "
                             "corrupt): " +
                             error.msg());
  }
}

// The format tag, the model config and the writer's extra: what every checkpoint starts with.
void read_header(torch::serialize::InputArchive& archive, const std::filesystem::path& path,
                 nlohmann::json& config, nlohmann::json& extra) {
  if (read_string(archive, "format", path) != kFormat) {
    throw std::runtime_error(path.string() + ": unsupported checkpoint format");
  }
  try {
    config = nlohmann::json::parse(read_string(archive, "config", path));
    extra = nlohmann::json::parse(read_string(archive, "extra", path));
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(path.string() + ": corrupt configuration: " + error.what());
  }
}

// {config, extra} of a checkpoint file.
std::pair<nlohmann::json, nlohmann::json> header_of(const std::filesystem::path& path) {
  torch::serialize::InputArchive archive;
  open_archive(path, archive);
  std::pair<nlohmann::json, nlohmann::json> header;
  read_header(archive, path, header.first, header.second);
  return header;
}

const char* task_name(nn::ModelTask task) {
  return task == nn::ModelTask::Segmentation ? "segmentation" : "classification";
}

// Rebuilds the model the header describes with `build` and loads its weights (strict).
template <typename Build>
auto load_model(const std::filesystem::path& path, nn::ModelTask task, nlohmann::json& config,
                nlohmann::json& extra, Build build) {
  torch::serialize::InputArchive archive;
  open_archive(path, archive);
  read_header(archive, path, config, extra);
  if (nn::task_of(config) != task) {
    throw std::runtime_error(path.string() + ": holds a " + task_name(nn::task_of(config)) +
                             " model (family '" + config.value("family", std::string()) +
                             "'), not a " + task_name(task) + " model");
  }
  auto model = build(config);
  torch::serialize::InputArchive weights;
  try {
    archive.read("model", weights);
    model->load(weights);
  } catch (const c10::Error& error) {
    throw std::runtime_error(path.string() +
                             ": weights do not match the stored configuration: " + error.msg());
  }
  return model;
}

}  // namespace

void save_checkpoint(const std::filesystem::path& path, const torch::nn::Module& model,
                     const nlohmann::json& config, const nlohmann::json& extra,
                     const torch::optim::Optimizer* optimizer) {
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
  archive.write("config", c10::IValue(config.dump()));
  archive.write("extra", c10::IValue(extra.dump()));
  runtime::replace_file_atomically(
      path, [&](const std::filesystem::path& temporary) { archive.save_to(temporary.string()); });
}

void load_training_state(const std::filesystem::path& path, torch::optim::Optimizer& optimizer) {
  torch::serialize::InputArchive archive;
  open_archive(path, archive);
  torch::serialize::InputArchive state;
  torch::Tensor rng;
  try {
    if (!archive.try_read("optimizer", state) || !archive.try_read("rng", rng)) {
      throw std::runtime_error(path.string() +
                               ": holds no optimizer state (not a training "
                               "checkpoint)");
    }
    optimizer.load(state);
  } catch (const c10::Error& error) {
    throw std::runtime_error(path.string() +
                             ": optimizer state does not fit this model: " + error.msg());
  }
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  generator.set_state(rng);
}

void save_checkpoint(const std::filesystem::path& path, const nn::ClassifierModel& model,
                     const nlohmann::json& extra, const torch::optim::Optimizer* optimizer) {
  save_checkpoint(path, model, model.config_json(), extra, optimizer);
}

void save_checkpoint(const std::filesystem::path& path, const nn::SegmentationModel& model,
                     const nlohmann::json& extra, const torch::optim::Optimizer* optimizer) {
  save_checkpoint(path, model, model.config_json(), extra, optimizer);
}

Checkpoint load_checkpoint(const std::filesystem::path& path) {
  Checkpoint checkpoint;
  checkpoint.model =
      load_model(path, nn::ModelTask::Classification, checkpoint.config, checkpoint.extra,
                 [](const nlohmann::json& config) { return nn::build_model(config); });
  return checkpoint;
}

SegmentationCheckpoint load_segmentation_checkpoint(const std::filesystem::path& path) {
  SegmentationCheckpoint checkpoint;
  checkpoint.model =
      load_model(path, nn::ModelTask::Segmentation, checkpoint.config, checkpoint.extra,
                 [](const nlohmann::json& config) { return nn::build_segmentation_model(config); });
  return checkpoint;
}

bool is_segmentation_checkpoint(const std::filesystem::path& path) {
  return nn::task_of(header_of(path).first) == nn::ModelTask::Segmentation;
}

nlohmann::json read_checkpoint_extra(const std::filesystem::path& path) {
  return header_of(path).second;
}

}  // namespace binvit::train
