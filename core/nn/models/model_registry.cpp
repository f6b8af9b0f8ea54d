#include "core/nn/models/model_registry.h"

#include "core/nn/models/bhvit.h"
#include "core/nn/models/bhvit_segmentation.h"
#include "core/nn/models/deit.h"

#include <stdexcept>

namespace binvit::nn {
namespace {

struct DeitSize {
  const char* suffix;
  const char* description;
  int64_t image_size, patch_size, embed_dim, depth, heads, num_classes;
};

// The papers' sizes at 224 px, and a small size for 28-32 px images that trains in minutes on
// two CPU cores.
constexpr DeitSize kSizes[] = {
    {"small", "DeiT-Small, 224 px (the GSB paper's model)", 224, 16, 384, 12, 6, 1000},
    {"tiny", "DeiT-Tiny, 224 px", 224, 16, 192, 12, 3, 1000},
    {"mini", "small input (32 px, patch 4, width 128, depth 6)", 32, 4, 128, 6, 4, 10},
};

struct DeitKind {
  const char* prefix;
  const char* description;
  DeitVariant variant;
  const char* suffix_after_size;
};

constexpr DeitKind kKinds[] = {
    {"deit", "float teacher", DeitVariant::Float, ""},
    {"gsb-deit", "GSB binary ViT", DeitVariant::Gsb, ""},
    {"gsb-deit", "GSB stage 1 (binary MLP weights)", DeitVariant::GsbStage1, "-stage1"},
    {"binary-deit", "baseline binary DeiT (BiT-style)", DeitVariant::Baseline, ""},
};

void add_bhvit_presets(std::vector<ModelPreset>& presets);

std::vector<ModelPreset> make_presets() {
  std::vector<ModelPreset> presets;
  for (const DeitKind& kind : kKinds) {
    for (const DeitSize& size : kSizes) {
      DeitConfig c;
      c.variant = kind.variant;
      c.image_size = size.image_size;
      c.patch_size = size.patch_size;
      c.embed_dim = size.embed_dim;
      c.depth = size.depth;
      c.heads = size.heads;
      c.num_classes = size.num_classes;
      if (kind.variant == DeitVariant::Float) {
        c.distillation_token = false;  // a teacher is a plain DeiT
        c.layer_norm_eps = 1e-6;
      }
      presets.push_back({std::string(kind.prefix) + "-" + size.suffix + kind.suffix_after_size,
                         std::string(kind.description) + ", " + size.description, to_json(c)});
    }
  }
  add_bhvit_presets(presets);
  return presets;
}

struct BhvitSize {
  const char* name;
  const char* description;
  int64_t image_size, stem_patch, num_classes;
  std::vector<int64_t> dims, depths, heads, mlp_ratios;
  std::vector<std::string> mixers;
};

// The paper's sizes at 224 px, a 32 px model for CIFAR-sized images and a two-stage model for
// 28 px images (28 / 2 = 14 can be halved only once); windows fitted to the maps: min(7, side).
std::vector<BhvitSize> bhvit_sizes() {
  const std::vector<std::string> four{"msgdc", "msgdc", "msmha", "msmha"};
  return {
      {"bhvit-tiny", "BHViT-Tiny, 224 px", 224, 4, 1000, {64, 128, 256, 512}, {2, 2, 6, 2},
       {1, 1, 4, 8}, {8, 8, 4, 4}, four},
      {"bhvit-small", "BHViT-Small, 224 px", 224, 4, 1000, {64, 128, 256, 512}, {3, 4, 8, 4},
       {1, 1, 4, 8}, {8, 8, 4, 4}, four},
      {"bhvit-mini", "small input (32 px, stem 4, widths 32-256, depths 1/1/2/1)", 32, 4, 10,
       {32, 64, 128, 256}, {1, 1, 2, 1}, {1, 1, 2, 4}, {8, 8, 4, 4}, four},
      {"bhvit-mini-28", "small input (28 px, stem 2, two stages: MSGDC 14x14, MSMHA 7x7)", 28, 2,
       10, {32, 64}, {2, 2}, {1, 2}, {8, 4}, {"msgdc", "msmha"}},
  };
}

const BhvitSize& bhvit_size(const std::string& name) {
  static const std::vector<BhvitSize> sizes = bhvit_sizes();
  for (const BhvitSize& size : sizes) {
    if (size.name == name) return size;
  }
  throw std::logic_error("no BHViT size named " + name);
}

BhvitConfig bhvit_config_of(const BhvitSize& size) {
  BhvitConfig c;
  c.image_size = size.image_size;
  c.stem_patch = size.stem_patch;
  c.num_classes = size.num_classes;
  c.dims = size.dims;
  c.depths = size.depths;
  c.heads = size.heads;
  c.mlp_ratios = size.mlp_ratios;
  c.mixers = size.mixers;
  c.window_sizes.clear();
  for (int64_t s = 0; s < c.stages(); ++s) {
    c.window_sizes.push_back(c.mixer(s) == BhvitMixer::Msmha ? fitted_window(c.map_side(s)) : 0);
  }
  return c;
}

void add_bhvit_presets(std::vector<ModelPreset>& presets) {
  for (const BhvitSize& size : bhvit_sizes()) {
    BhvitConfig c = bhvit_config_of(size);
    presets.push_back({size.name, std::string("BHViT, binary downsampling, ") + size.description,
                       to_json(c)});
    c.float_downsampling = true;
    presets.push_back({std::string(size.name) + "-fp-down",
                       std::string("BHViT, float downsampling, ") + size.description, to_json(c)});
  }
  // Segmentation: the tiny backbone at 224 px with ADE20K's 150 classes, and a 64 px model
  // (maps 16/8/4/2, windows 4 and 2) that trains on a CPU.
  BhvitSegmentationConfig tiny;
  tiny.backbone = bhvit_config_of(bhvit_size("bhvit-tiny"));
  tiny.backbone.num_classes = 150;
  tiny.fpn_dim = 64;
  presets.push_back({"bhvit-seg-tiny", "BHViT-Tiny backbone + FPN head, 224 px, 150 classes",
                     to_json(tiny), ModelTask::Segmentation});
  BhvitSize mini_size = bhvit_size("bhvit-mini");
  mini_size.image_size = 64;
  BhvitSegmentationConfig mini;
  mini.backbone = bhvit_config_of(mini_size);
  mini.backbone.num_classes = 21;
  mini.fpn_dim = 64;
  presets.push_back({"bhvit-seg-mini", "BHViT mini backbone + FPN head, 64 px, 21 classes",
                     to_json(mini), ModelTask::Segmentation});
}

nlohmann::json parse_override_value(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    return text;  // a bare word such as `image` or `gsb`
  }
}

}  // namespace

const std::vector<ModelPreset>& model_presets() {
  static const std::vector<ModelPreset> presets = make_presets();
  return presets;
}

std::string default_model_name() { return "gsb-deit-mini"; }

nlohmann::json preset_config(const std::string& name) {
  std::string known;
  for (const ModelPreset& preset : model_presets()) {
    if (preset.name == name) return preset.config;
    known += (known.empty() ? "" : ", ") + preset.name;
  }
  throw std::invalid_argument("unknown model '" + name + "'; known models: " + known);
}

nlohmann::json apply_overrides(nlohmann::json config, const std::vector<std::string>& overrides) {
  for (const std::string& item : overrides) {
    const auto equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw std::invalid_argument("override '" + item + "' must look like key=value");
    }
    const std::string key = item.substr(0, equals);
    // Dotted keys reach into nested objects (`stages.stage2.epochs=3`); every part must exist,
    // so a typo is an error rather than a silently ignored new field.
    nlohmann::json* node = &config;
    std::string path;
    for (size_t begin = 0; begin <= key.size();) {
      const size_t dot = std::min(key.find('.', begin), key.size());
      const std::string part = key.substr(begin, dot - begin);
      path += (path.empty() ? "" : ".") + part;
      if (!node->is_object() || !node->contains(part)) {
        throw std::invalid_argument("override '" + item + "': the config has no field '" + path +
                                    "'");
      }
      node = &(*node)[part];
      begin = dot + 1;
    }
    *node = parse_override_value(item.substr(equals + 1));
  }
  return config;
}

ModelTask task_of(const nlohmann::json& config) {
  return config.is_object() && config.value("family", "") == "bhvit-seg" ? ModelTask::Segmentation
                                                                         : ModelTask::Classification;
}

std::shared_ptr<SegmentationModel> build_segmentation_model(const nlohmann::json& config) {
  const std::string family = config.value("family", "");
  if (family == "bhvit-seg") {
    return std::make_shared<BhvitSegmentation>(bhvit_segmentation_config_from_json(config));
  }
  throw std::invalid_argument("model config field 'family' must be 'bhvit-seg' for a "
                              "segmentation model, got '" + family + "'");
}

ModelSummary summarize_model(const nlohmann::json& config) {
  return task_of(config) == ModelTask::Segmentation ? build_segmentation_model(config)->summary()
                                                    : build_model(config)->summary();
}

std::shared_ptr<ClassifierModel> build_model(const nlohmann::json& config) {
  const std::string family = config.value("family", "");
  if (family == "bhvit-seg") {
    throw std::invalid_argument("model config family 'bhvit-seg' is a segmentation model; it has "
                                "no classifier head");
  }
  if (family == "deit") return std::make_shared<Deit>(deit_config_from_json(config));
  if (family == "bhvit") return std::make_shared<Bhvit>(bhvit_config_from_json(config));
  throw std::invalid_argument("model config field 'family' must be 'deit' or 'bhvit', got '" +
                              family + "'");
}

}  // namespace binvit::nn
