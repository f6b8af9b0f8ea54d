#include "core/inspect/model_inspector.h"

#include "core/data/data_config.h"
#include "core/data/data_loader.h"
#include "core/data/readers/mnist_dataset.h"
#include "core/data/transforms/color.h"
#include "core/data/transforms/presets.h"
#include "core/inspect/attention_rollout.h"
#include "core/inspect/binary_layers.h"
#include "core/inspect/capture_conversion.h"
#include "core/inspect/inspect_input.h"
#include "core/nn/models/bhvit_msmha.h"
#include "core/nn/models/deit_attention.h"
#include "core/train/checkpoint.h"
#include "core/train/run_folder.h"
#include "core/train/train_config.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace binvit::inspect {
namespace fs = std::filesystem;

namespace {

constexpr int kTop = 5;

// The flags of every first-batch scale, to tell afterwards which ones this image initialised.
std::vector<torch::Tensor> init_flags(torch::nn::Module& model) {
  std::vector<torch::Tensor> flags;
  for (const auto& buffer : model.named_buffers()) {
    const std::string& key = buffer.key();
    if (key == "initialized" ||
        (key.size() > 12 && key.compare(key.size() - 12, 12, ".initialized") == 0)) {
      flags.push_back(buffer.value());
    }
  }
  return flags;
}

// Detaches the capture however inspect() leaves, so the model never records outside it.
class CaptureScope {
 public:
  CaptureScope(torch::nn::Module& model, std::shared_ptr<nn::InspectionCapture> capture)
      : model_(model) {
    nn::set_inspection_capture(model_, capture);
  }
  ~CaptureScope() { nn::set_inspection_capture(model_, nullptr); }
  CaptureScope(const CaptureScope&) = delete;
  CaptureScope& operator=(const CaptureScope&) = delete;

 private:
  torch::nn::Module& model_;
};

}  // namespace

RunCheckpoints find_run_checkpoints(const fs::path& run_folder) {
  const train::RunFolder run = train::RunFolder::open(run_folder);
  train::TrainConfig config;
  try {
    config = train::train_config_from_json(run.config());
  } catch (const std::exception& error) {
    throw std::runtime_error((run_folder / "config.json").string() +
                             ": not a training config: " + error.what());
  }
  const std::vector<std::string> stages = config.stage_names();
  RunCheckpoints found;
  found.student_stage = stages.back();
  found.student = run.checkpoint(found.student_stage, "best");
  if (!fs::exists(found.student)) {
    throw std::runtime_error(run_folder.string() + ": the run has no best checkpoint of its last " +
                             "stage yet (" + found.student.string() + ")");
  }
  if (std::find(stages.begin(), stages.end(), "teacher") != stages.end() &&
      found.student_stage != "teacher") {
    const fs::path teacher = run.checkpoint("teacher", "best");
    if (fs::exists(teacher)) found.teacher = teacher;
  } else if (!config.teacher_checkpoint.empty() &&
             fs::path(config.teacher_checkpoint).extension() == ".pt" &&
             fs::exists(config.teacher_checkpoint)) {
    found.teacher = config.teacher_checkpoint;
  }
  return found;
}

struct ModelInspector::Impl {
  train::Checkpoint checkpoint;
  ModelInfo info;
  data::TransformPtr geometry;   // the eval transforms up to Normalize
  data::TransformPtr normalize;  // Normalize
  std::vector<BinaryLayerRef> layers;
  std::vector<BinaryLayerInfo> layer_infos;
  int patch_grid = 0;
  int head_dim = 0;
};

ModelInspector::ModelInspector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ModelInspector::ModelInspector(ModelInspector&&) noexcept = default;
ModelInspector& ModelInspector::operator=(ModelInspector&&) noexcept = default;
ModelInspector::~ModelInspector() = default;

ModelInspector ModelInspector::from_checkpoint(const fs::path& path) {
  if (!fs::is_regular_file(path)) {
    throw std::runtime_error(path.string() + ": no such checkpoint file");
  }
  auto impl = std::make_unique<Impl>();
  impl->checkpoint = train::load_checkpoint(path);
  const nlohmann::json& config = impl->checkpoint.config;
  ModelInfo& info = impl->info;
  info.checkpoint = path;
  info.run_folder = train::run_folder_of(path);
  info.family = config.value("family", "");
  info.variant = config.value("variant", "");
  const int64_t classes = config.value("num_classes", int64_t{0});
  const std::vector<int64_t> shape = impl->checkpoint.model->input_shape();
  Preprocessing& pre = info.preprocessing;
  pre.channels = static_cast<int>(shape.at(0));
  pre.image_size = static_cast<int>(shape.at(1));

  // Mean, std and class names: the run's data config, else what the checkpoint's writer stored,
  // else the defaults a run on the built-in dataset would have used.
  const std::optional<data::DataConfig> run_data = train::read_run_data_config(info.run_folder);
  const data::DataConfig data_config = run_data.value_or(data::DataConfig{});
  const bool have_run_data = run_data.has_value();
  if (run_data) info.dataset_json = data::to_json(*run_data).dump();
  const nlohmann::json& extra = impl->checkpoint.extra;
  if (have_run_data) {
    pre.mean = data_config.mean;
    pre.std = data_config.std;
    pre.from_run = true;
  } else if (extra.contains("mean") && extra.contains("std")) {
    pre.mean = extra.at("mean").get<std::vector<double>>();
    pre.std = extra.at("std").get<std::vector<double>>();
    pre.from_run = true;
  } else {
    pre.mean = data_config.mean;
    pre.std = data_config.std;
  }
  pre.mean = fitted_to_channels(pre.mean, pre.channels);
  pre.std = fitted_to_channels(pre.std, pre.channels);
  if (extra.contains("class_names")) {
    info.class_names = extra.at("class_names").get<std::vector<std::string>>();
  } else if (have_run_data && data_config.format == "fashion-mnist") {
    info.class_names = data::fashion_mnist_class_names();
  } else if (have_run_data && data_config.format == "mnist") {
    info.class_names = data::mnist_class_names();
  }
  if (static_cast<int64_t>(info.class_names.size()) != classes)
    info.class_names = numbered_class_names(classes);

  data::PipelineOptions options;
  options.image_size = pre.image_size;
  options.channels = pre.channels;
  options.mean = pre.mean;
  options.std = pre.std;
  const auto eval =
      std::dynamic_pointer_cast<const data::Compose>(data::gsb_eval_transforms(options));
  if (!eval || eval->transforms().empty() ||
      !dynamic_cast<const data::Normalize*>(eval->transforms().back().get())) {
    throw std::logic_error("inspect: the eval transforms no longer end with Normalize");
  }
  std::vector<data::TransformPtr> steps = eval->transforms();
  impl->normalize = steps.back();
  steps.pop_back();
  impl->geometry = std::make_shared<data::Compose>(std::move(steps));

  if (info.family == "deit") {
    const int64_t patch = config.value("patch_size", int64_t{0});
    if (patch > 0) impl->patch_grid = static_cast<int>(pre.image_size / patch);
    const int64_t heads = config.value("heads", int64_t{0});
    if (heads > 0) impl->head_dim = static_cast<int>(config.value("embed_dim", int64_t{0}) / heads);
  }
  for (const auto& module : impl->checkpoint.model->modules()) {
    info.attention_layers += dynamic_cast<const nn::DeitAttentionImpl*>(module.get()) != nullptr ||
                             dynamic_cast<const nn::BhvitMsmhaImpl*>(module.get()) != nullptr;
  }

  impl->layers = find_binary_layers(*impl->checkpoint.model);
  for (const BinaryLayerRef& layer : impl->layers) {
    impl->layer_infos.push_back(describe(layer));
    info.binary |=
        layer.binary_weights() || layer.activation_mode != nn::ActivationBinarization::Float;
  }
  const std::string source = info.run_folder.empty() ? path.filename().string()
                                                     : info.run_folder.filename().string() + "/" +
                                                           path.parent_path().filename().string() +
                                                           "/" + path.filename().string();
  info.model_name = info.family + (info.variant.empty() ? "" : "/" + info.variant) + " " +
                    std::to_string(pre.image_size) + " px (" + source + ")";
  return ModelInspector(std::move(impl));
}

ModelInspector ModelInspector::from_run(const fs::path& run_folder) {
  return from_checkpoint(find_run_checkpoints(run_folder).student);
}

ModelInspector ModelInspector::open(const fs::path& path) {
  if (fs::is_directory(path)) return from_run(path);
  return from_checkpoint(path);
}

const ModelInfo& ModelInspector::info() const { return impl_->info; }

void ModelInspector::set_class_names(std::vector<std::string> names) {
  if (names.size() != impl_->info.class_names.size()) {
    throw std::invalid_argument("inspect: " + std::to_string(names.size()) +
                                " class names for a model of " +
                                std::to_string(impl_->info.class_names.size()) + " classes");
  }
  impl_->info.class_names = std::move(names);
}

InspectionResult ModelInspector::inspect(const cv::Mat& image) {
  Impl& m = *impl_;
  nn::ClassifierModel& model = *m.checkpoint.model;
  InspectionResult result;
  result.model_name = m.info.model_name;
  result.class_names = m.info.class_names;

  data::Rng rng(0);  // the eval transforms draw nothing; the interface wants a generator
  result.model_input =
      m.geometry->apply(to_model_colour(image, m.info.preprocessing.channels), rng);
  const torch::Tensor input =
      data::image_to_tensor(m.normalize->apply(result.model_input, rng)).unsqueeze(0);

  std::vector<torch::Tensor> flags = init_flags(model);
  std::vector<bool> was_initialized;
  for (const torch::Tensor& flag : flags) was_initialized.push_back(flag.item<uint8_t>() != 0);

  auto capture = std::make_shared<nn::InspectionCapture>();
  torch::Tensor logits;
  {
    torch::NoGradGuard no_grad;
    model.eval();
    CaptureScope scope(model, capture);
    logits = model.forward(input);
  }
  int initialised_now = 0;
  for (size_t i = 0; i < flags.size(); ++i) {
    initialised_now += !was_initialized[i] && flags[i].item<uint8_t>() != 0;
  }
  if (initialised_now > 0) {
    result.notes.push_back(std::to_string(initialised_now) +
                           " quantizer scales had never seen data (an untrained model) and were "
                           "initialised from this image, as a first training batch would.");
  }

  const torch::Tensor probabilities = torch::softmax(logits[0].to(torch::kDouble), 0);
  result.probabilities = to_floats(probabilities);
  const int64_t k = std::min<int64_t>(kTop, probabilities.size(0));
  const auto top = probabilities.topk(k);
  for (int64_t i = 0; i < k; ++i) {
    const int index = static_cast<int>(std::get<1>(top)[i].item<int64_t>());
    result.top.push_back({index, result.class_names.at(static_cast<size_t>(index)),
                          static_cast<float>(std::get<0>(top)[i].item<double>())});
  }

  std::vector<torch::Tensor> rollout_layers;
  bool rollout_possible = !capture->attention.empty();
  for (const nn::AttentionRecord& record : capture->attention) {
    result.attention.push_back(to_attention_layer(record, m.patch_grid, m.head_dim));
    const AttentionLayout& layout = result.attention.back().layout;
    rollout_possible = rollout_possible && !layout.windowed() &&
                       layout.tokens == result.attention.front().layout.tokens;
    rollout_layers.push_back(record.probabilities[0]);
  }
  if (rollout_possible) {
    result.rollout = to_floats(attention_rollout(rollout_layers));
    result.rollout_layout = result.attention.front().layout;
    result.rollout_layout.heads = 1;
  } else if (!capture->attention.empty()) {
    result.notes.push_back(
        "No attention rollout: the layers attend within windows or over token sets of "
        "different sizes, so their maps do not chain.");
  }

  // Activation +1 shares per layer, summed over every record of that layer.
  std::map<std::string, std::pair<long long, long long>> activations;  // positive, total
  for (const nn::ActivationRecord& record : capture->activations) {
    auto& [positive, total] = activations[record.layer];
    positive += (record.binarized > 0).sum().item<int64_t>();
    total += record.binarized.numel();
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (size_t i = 0; i < m.layers.size(); ++i) {
    BinaryLayerShares shares{m.layers[i].name, nan, m.layer_infos[i].weight_plus_one, 0, 0};
    shares.weights = m.layer_infos[i].binary_weights ? m.layer_infos[i].weights : 0;
    const auto found = activations.find(m.layers[i].name);
    if (found != activations.end() && found->second.second > 0 &&
        m.layers[i].activation_mode != nn::ActivationBinarization::Float) {
      shares.activations = found->second.second;
      shares.activation_plus_one =
          static_cast<double>(found->second.first) / static_cast<double>(found->second.second);
    }
    result.binary_layers.push_back(shares);
  }
  return result;
}

std::vector<BinaryLayerInfo> ModelInspector::binary_layers() const { return impl_->layer_infos; }

WeightHistogram ModelInspector::weight_histogram(const std::string& layer,
                                                 const WeightHistogramOptions& options) const {
  for (const BinaryLayerRef& ref : impl_->layers) {
    if (ref.name != layer) continue;
    WeightHistogram h = histogram(to_floats(ref.latent_weight), options);
    h.layer = layer;
    return h;
  }
  throw std::invalid_argument("inspect: the model has no binary layer '" + layer + "'");
}

SignFlipReport ModelInspector::sign_flips_since(const ModelInspector& other) const {
  return sign_flips(*other.impl_->checkpoint.model, *impl_->checkpoint.model);
}

}  // namespace binvit::inspect
