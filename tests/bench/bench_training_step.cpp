// Training-step cost of each model variant against the float model of the same architecture,
// measured side by side in one run (PERFORMANCE.md: medians and ratios, never one absolute time).
// Also the data loader's throughput with the training transforms next to the step throughput,
// so it is visible whether loading could limit training.
//
//   bench_training_step [--model NAME] [--set key=value ...] [--batch N] [--rounds R]
//                       [--threads T] [--workers W]
#include "core/data/data_config.h"
#include "core/data/data_loader.h"
#include "core/nn/build_info.h"
#include "core/nn/models/model_registry.h"
#include "core/train/losses.h"
#include "core/train/optimizer_setup.h"
#include "core/train/train_config.h"

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iomanip>
#include <iostream>

using namespace binvit;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  nlohmann::json model = train::demo_model_config();
  int64_t batch = 128;
  int rounds = 7;
  int steps_per_round = 5;
  int threads = 0;
  size_t workers = 2;
  std::string profile;  // a Chrome trace of gsb steps, to see where the time goes
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// One timed round: `steps` optimizer steps of `model` on random data; seconds per step.
double round_seconds(nn::ClassifierModel& model, torch::optim::Optimizer& optimizer,
                     const torch::Tensor& images, const torch::Tensor& labels, int steps) {
  const auto start = Clock::now();
  for (int i = 0; i < steps; ++i) {
    const nn::ClassifierOutput out = model.forward_heads(images);
    auto loss = train::hard_distillation_loss(out.logits, out.distillation_logits, labels, {}, 0.5);
    optimizer.zero_grad();
    loss.total.backward();
    optimizer.step();
  }
  return std::chrono::duration<double>(Clock::now() - start).count() / steps;
}

double loader_images_per_second(const nlohmann::json& model, int64_t batch, size_t workers) {
  data::DataConfig config;
  config.image_size = model.value("image_size", 28);
  config.channels = model.value("in_channels", 1);
  // Fashion-MNIST's grey statistics for every channel (Normalize needs one entry per channel).
  config.mean.assign(static_cast<size_t>(config.channels), config.mean.front());
  config.std.assign(static_cast<size_t>(config.channels), config.std.front());
  config.augment = "gsb";
  config.workers = workers;
  const data::RunData run = data::open_run_data(config, 0);
  data::LoaderOptions options;
  options.batch_size = static_cast<size_t>(batch);
  options.num_workers = workers;
  data::DataLoader loader(run.train, run.train_transform, options);
  loader.start_epoch(0);
  const auto start = Clock::now();
  size_t images = 0;
  for (int i = 0; i < 40; ++i) images += static_cast<size_t>(loader.next()->images.size(0));
  return images / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> overrides;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--model") o.model = nn::preset_config(value);
    else if (flag == "--set") overrides.push_back(value);
    else if (flag == "--batch") o.batch = std::stoll(value);
    else if (flag == "--rounds") o.rounds = std::stoi(value);
    else if (flag == "--threads") o.threads = std::stoi(value);
    else if (flag == "--workers") o.workers = std::stoul(value);
    else if (flag == "--profile") o.profile = value;
    else {
      std::cerr << "unknown option " << flag << "\n";
      return 2;
    }
  }
  o.model = nn::apply_overrides(o.model, overrides);
  nn::set_intra_op_threads(o.threads);
  const nn::BuildInfo info = nn::build_info();
  std::cout << "threads " << info.intra_op_threads << ", BLAS " << info.blas_library << ", batch "
            << o.batch << ", model " << o.model.dump() << "\n";

  const std::vector<std::string> variants{"float", "gsb-stage1", "baseline", "gsb"};
  std::vector<std::shared_ptr<nn::ClassifierModel>> models;
  std::vector<std::unique_ptr<torch::optim::AdamW>> optimizers;
  for (const auto& variant : variants) {
    models.push_back(nn::build_model(nn::apply_overrides(o.model, {"variant=" + variant})));
    models.back()->train();
    optimizers.push_back(train::make_adamw(*models.back(), 1e-4, 0.05));
  }
  const auto shape = models[0]->input_shape();
  const torch::Tensor images = torch::randn({o.batch, shape[0], shape[1], shape[2]});
  const torch::Tensor labels =
      torch::randint(o.model.value("num_classes", 10), {o.batch}, torch::kInt64);
  std::vector<std::vector<double>> seconds(variants.size());
  for (size_t v = 0; v < variants.size(); ++v) {  // warm-up (lazy initialisation, allocator)
    round_seconds(*models[v], *optimizers[v], images, labels, 2);
  }
  for (int r = 0; r < o.rounds; ++r) {  // alternated, so drift hits every variant alike
    for (size_t v = 0; v < variants.size(); ++v) {
      seconds[v].push_back(round_seconds(*models[v], *optimizers[v], images, labels,
                                         o.steps_per_round));
    }
  }
  if (!o.profile.empty()) {
    torch::autograd::profiler::RecordProfile guard(o.profile);
    round_seconds(*models.back(), *optimizers.back(), images, labels, 2);
  }
  const double float_step = median(seconds[0]);
  std::cout << std::left << std::setw(12) << "variant" << std::right << std::setw(14)
            << "step (median)" << std::setw(12) << "images/s" << std::setw(14) << "vs float"
            << "\n";
  for (size_t v = 0; v < variants.size(); ++v) {
    const double step = median(seconds[v]);
    std::cout << std::left << std::setw(12) << variants[v] << std::right << std::fixed
              << std::setprecision(1) << std::setw(11) << 1e3 * step << " ms" << std::setw(12)
              << o.batch / step << std::setw(13) << std::setprecision(2) << step / float_step
              << "x\n";
  }
  std::cout << "goal: binary (gsb) step <= 1.6x the float step\n";
  std::cout << "data loader with the gsb training transforms (" << o.workers
            << " workers), Fashion-MNIST decoded and augmented:\n"
            << std::setprecision(0);
  const double at_model_size = loader_images_per_second(o.model, o.batch, o.workers);
  std::cout << "  at the model's input (" << o.model.value("image_size", 0)
            << " px): " << at_model_size << " images/s = " << std::setprecision(1)
            << at_model_size / (o.batch / median(seconds.back())) << "x the gsb step's rate\n"
            << std::setprecision(0);
  for (int size : {32, 224}) {  // RGB, as CIFAR-style and ImageNet-style inputs
    const auto rgb = nn::apply_overrides(o.model, {"image_size=" + std::to_string(size),
                                                   "in_channels=3"});
    std::cout << "  " << size << " px RGB: " << loader_images_per_second(rgb, o.batch, o.workers)
              << " images/s\n";
  }
  return 0;
}
