#pragma once
// Everything a training run needs to be reproduced: recipe, models, data, stages, optimizer.
// Plain data with a JSON round trip; validate() names the offending field. The resolved form is
// the run folder's config.json.

#include "core/data/data_config.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace binvit::train {

// One stage's schedule and optimizer (ALGORITHMS.md 2.5: AdamW, lr = lr_per_512 x batch / 512,
// cosine to min_lr after an optional linear warmup).
struct StageConfig {
  int64_t epochs = 1;
  double lr_per_512 = 1e-3;
  double weight_decay = 0.05;
  double min_lr = 1e-6;
  double warmup_epochs = 0;
  double grad_clip = 0;  // max global gradient norm; 0 = off
  int64_t patience = 0;  // stop after this many evaluations without a better one; 0 = off
};

// BHViT's loss: (1 - lambda - beta) CE + lambda KD + beta L_re (ALGORITHMS.md 3.7).
struct BhvitLossConfig {
  double lambda = 0.5;
  double beta = 0.01;
  std::string kd = "soft";  // soft (temperature) | hard
  double temperature = 1.0;
  double regularizer_fraction = 0.1;  // the regulariser is on for this last share of epochs
  bool released = false;  // the released code: no CE, regulariser for the whole run
};

struct TrainConfig {
  // gsb-two-stage: teacher (stage 0) -> stage 1 -> stage 2 with hard-label distillation.
  // single: one model (float, baseline binary, any variant), distilled when a teacher is given.
  // bhvit: a BHViT model with KD from the teacher and the oscillation regulariser.
  std::string recipe = "gsb-two-stage";
  nlohmann::json model;             // the (final) model's resolved config
  nlohmann::json teacher_model;     // the teacher's config; null: the float variant of `model`
  std::string teacher_checkpoint;   // a trained teacher (checkpoint or safetensors): skip stage 0
  data::DataConfig data;
  int64_t batch_size = 128;
  int64_t eval_batch_size = 256;
  uint64_t seed = 0;
  int threads = 0;                  // LibTorch intra-op threads; 0: all cores
  double distillation_weight = 0.5; // GSB: (1 - w) CE(cls) + w CE(dist, teacher argmax)
  bool stage1_from_teacher = true;  // GSB: stage 1 starts from the trained teacher's weights
  BhvitLossConfig bhvit;
  int64_t log_every = 50;           // steps between step records in metrics.jsonl
  StageConfig teacher;
  StageConfig stage1;
  StageConfig stage2;
  StageConfig single;

  // The stages this recipe runs, in order ("teacher" is left out when a checkpoint is given).
  std::vector<std::string> stage_names() const;
  const StageConfig& stage(const std::string& name) const;
  void validate() const;
};

nlohmann::json to_json(const TrainConfig& config);
// Accepts `model` (and `teacher_model`) as a preset name or a config object; unknown fields are an
// error. Validates.
TrainConfig train_config_from_json(const nlohmann::json& json);

// The default model fitted to Fashion-MNIST (28 x 28 grey images, ten classes).
nlohmann::json demo_model_config();

// The built-in demo: GSB two-stage on Fashion-MNIST with the small preset, sized for about ten
// minutes on 2 cores.
TrainConfig demo_train_config();

// Applies --set overrides (dotted keys into the JSON form) and re-validates.
TrainConfig with_overrides(const TrainConfig& config, const std::vector<std::string>& overrides);

}  // namespace binvit::train
