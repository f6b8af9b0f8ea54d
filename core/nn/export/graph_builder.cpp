#include "core/nn/export/graph_builder.h"

#include "core/nn/build_info.h"
#include "core/nn/functional/elastic_binarize.h"
#include "core/nn/functional/sign.h"
#include "core/nn/quantizers/lazy_init.h"
#include "core/nn/quantizers/quantization_switch.h"
#include "core/runtime/kernels/kernels.h"

#include <stdexcept>

namespace binvit::nn::bvit {

namespace fmt = runtime::format;

std::vector<std::uint64_t> shape_of(const torch::Tensor& t) {
  std::vector<std::uint64_t> shape;
  for (int64_t d : t.sizes()) shape.push_back(static_cast<std::uint64_t>(d));
  return shape;
}

float clamped_scale(const torch::Tensor& t, int64_t index) {
  return t.detach().clamp_min(functional::kMinScale).reshape({-1})[index].item<float>();
}

Value float_list(const torch::Tensor& t) {
  Value list = Value::array();
  const torch::Tensor flat =
      t.detach().clamp_min(functional::kMinScale).reshape({-1}).to(torch::kFloat);
  for (int64_t i = 0; i < flat.numel(); ++i)
    list.push_back(static_cast<double>(flat[i].item<float>()));
  return list;
}

Value double_list(const std::vector<double>& values) {
  Value list = Value::array();
  for (double v : values) list.push_back(v);
  return list;
}

Value names(std::initializer_list<std::string> buffers) {
  Value list = Value::array();
  for (const std::string& b : buffers) list.push_back(b);
  return list;
}

void require_initialized(const torch::Tensor& flag, const std::string& what) {
  if (!is_initialized(flag)) {
    throw std::invalid_argument("cannot export: the scale of " + what +
                                " was never initialised (run the model on data first)");
  }
}

void check_switches(torch::nn::Module& model) {
  for (const auto& item : model.named_modules()) {
    if (auto* s = dynamic_cast<QuantizationSwitch*>(item.value().get())) {
      if (!s->quantization_enabled()) {
        throw std::invalid_argument("cannot export: quantization is switched off in '" +
                                    item.key() +
                                    "' (the file would not describe the trained binary model)");
      }
    }
  }
}

std::string GraphBuilder::tensor(const std::string& name, const torch::Tensor& value) {
  const torch::Tensor t = value.detach().to(torch::kCPU).contiguous();
  if (t.scalar_type() == torch::kFloat) {
    TORCH_CHECK(torch::isfinite(t).all().item<bool>(), "cannot export: tensor ", name,
                " holds non-finite values");
    writer_.add(name, fmt::DType::F32, shape_of(t), t.data_ptr<float>(),
                static_cast<std::size_t>(t.numel()) * sizeof(float));
  } else if (t.scalar_type() == torch::kChar) {
    writer_.add(name, fmt::DType::I8, shape_of(t), t.data_ptr<int8_t>(),
                static_cast<std::size_t>(t.numel()));
  } else {
    throw std::logic_error("exporter: unsupported dtype for tensor " + name);
  }
  return name;
}

std::string GraphBuilder::packed_signs(const std::string& name, const torch::Tensor& weight) {
  const torch::Tensor w = weight.detach().to(torch::kFloat).contiguous();
  const auto rows = static_cast<std::size_t>(w.size(0)), k = static_cast<std::size_t>(w.size(1));
  const std::size_t words = runtime::kernels::words_for_bits(k);
  std::vector<std::uint64_t> packed(rows * words);
  runtime::kernels::pack_signs(w.data_ptr<float>(), rows, k, k, packed.data(), words);
  writer_.add_u64(name, {rows, words}, packed);
  return name;
}

Value GraphBuilder::op(const std::string& kind, const std::string& name, Value in,
                       const std::string& out) {
  Value o = Value::object();
  o.set("op", kind);
  o.set("name", name);
  o.set("in", std::move(in));
  o.set("out", out);
  return o;
}

void GraphBuilder::layer_norm(const std::string& name, const torch::nn::LayerNorm& norm,
                              const std::string& in, const std::string& out) {
  Value o = op("layer_norm", name, in, out);
  o.set("eps", norm->options.eps());
  o.set("weight", tensor(name + ".weight", norm->weight));
  o.set("bias", tensor(name + ".bias", norm->bias));
  add(o);
}

namespace {

// LSQ weights as int8 levels: clamp(round_half_up(w / step), qmin, qmax), with the clamped steps.
std::pair<torch::Tensor, torch::Tensor> lsq_levels(const torch::Tensor& weight,
                                                   const LsqQuantizer& quantizer) {
  const auto range = quantizer->range();
  const torch::Tensor step = quantizer->step.detach().clamp_min(functional::kMinScale);
  std::vector<int64_t> per_row(static_cast<size_t>(weight.dim()), 1);
  per_row[0] = -1;
  const torch::Tensor levels =
      functional::round_half_up(weight.detach() / step.reshape(per_row))
          .clamp(static_cast<double>(range.qmin), static_cast<double>(range.qmax))
          .to(torch::kChar);
  return {levels, step};
}

}  // namespace

void GraphBuilder::head(const std::string& name, const LsqLinear& layer, int64_t token,
                        const std::string& in, const std::string& out) {
  torch::NoGradGuard no_grad;
  const bool quantized = layer->quantized();
  Value o = op(quantized ? "int8_linear" : "linear", name, in, out);
  if (token >= 0) o.set("token", token);
  if (!quantized) {
    o.set("weight", tensor(name + ".weight", layer->weight));
  } else {
    require_initialized(layer->weight_quantizer->initialized, name + " (weight quantizer)");
    require_initialized(layer->input_quantizer->initialized, name + " (input quantizer)");
    const auto [levels, step] = lsq_levels(layer->weight, layer->weight_quantizer);
    o.set("input_shift", tensor(name + ".input_shift", layer->input_shift));
    o.set("input_step", static_cast<double>(clamped_scale(layer->input_quantizer->step)));
    o.set("weight", tensor(name + ".weight", levels));
    o.set("weight_step", tensor(name + ".weight_step", step));
  }
  o.set("bias", tensor(name + ".bias", layer->bias));
  add(o);
}

void GraphBuilder::patch_embed(const std::string& name, const LsqPatchConv& conv,
                               int64_t in_channels, int64_t image_size, const std::string& out) {
  torch::NoGradGuard no_grad;
  const int64_t c = conv->weight.size(0);
  Value o = op("patch_embed", name, "images", out);
  o.set("in_channels", in_channels);
  o.set("image_size", image_size);
  o.set("patch", conv->patch);
  if (conv->quantized()) {
    require_initialized(conv->weight_quantizer->initialized, name + " (weight quantizer)");
    const auto [levels, step] = lsq_levels(conv->weight, conv->weight_quantizer);
    o.set("weight", tensor(name + ".weight", levels.reshape({c, -1})));
    o.set("weight_step", tensor(name + ".weight_step", step));
  } else {
    o.set("weight", tensor(name + ".weight", conv->weight.reshape({c, -1})));
  }
  o.set("bias", tensor(name + ".bias", conv->bias));
  add(o);
}

std::string GraphBuilder::serialize(const FileDescription& d, const BvitExportOptions& options,
                                    const std::string& output, const std::string& task) const {
  if (options.mean.size() != static_cast<size_t>(d.in_channels) ||
      options.std.size() != static_cast<size_t>(d.in_channels)) {
    throw std::invalid_argument("cannot export: mean and std need one value per input channel (" +
                                std::to_string(d.in_channels) + ")");
  }
  std::vector<std::string> classes = options.class_names;
  if (classes.empty()) {
    for (int64_t i = 0; i < d.num_classes; ++i) classes.push_back("class " + std::to_string(i));
  }
  if (static_cast<int64_t>(classes.size()) != d.num_classes) {
    throw std::invalid_argument("cannot export: " + std::to_string(classes.size()) +
                                " class names for a model with " + std::to_string(d.num_classes) +
                                " classes");
  }
  Value header = Value::object();
  header.set("producer", "binvit " + build_info().project_version);
  Value model_info = Value::object();
  model_info.set("family", d.family);
  model_info.set("variant", d.variant);
  model_info.set("name", options.model_name);
  header.set("model", model_info);
  header.set("config", d.config);
  Value class_list = Value::array();
  for (const std::string& name : classes) class_list.push_back(name);
  header.set("classes", class_list);
  Value pre = Value::object();
  pre.set("image_size", d.image_size);
  pre.set("channels", d.in_channels);
  pre.set("mean", double_list(options.mean));
  pre.set("std", double_list(options.std));
  pre.set("crop_fraction", options.crop_fraction);
  header.set("preprocessing", pre);
  Value graph = Value::object();
  graph.set("tokens", d.tokens);
  graph.set("embed_dim", d.embed_dim);
  graph.set("output", output);
  if (task != "classification") graph.set("task", task);
  graph.set("ops", ops_);
  header.set("graph", graph);
  return writer_.serialize(header);
}

}  // namespace binvit::nn::bvit
