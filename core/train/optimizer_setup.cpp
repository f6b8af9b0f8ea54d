#include "core/train/optimizer_setup.h"

#include <torch/torch.h>

namespace binvit::train {
namespace {

bool decays(const std::string& name, const torch::Tensor& parameter) {
  if (parameter.dim() <= 1) return false;
  for (const char* token : {"cls_token", "dist_token", "pos_embed"}) {
    if (name.find(token) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

ParameterGroups split_parameter_groups(const torch::nn::Module& model) {
  ParameterGroups groups;
  for (const auto& item : model.named_parameters(/*recurse=*/true)) {
    if (!item.value().requires_grad()) continue;
    (decays(item.key(), item.value()) ? groups.decay : groups.no_decay).push_back(item.key());
  }
  return groups;
}

std::unique_ptr<torch::optim::AdamW> make_adamw(torch::nn::Module& model, double lr,
                                                double weight_decay) {
  std::vector<torch::Tensor> decay;
  std::vector<torch::Tensor> no_decay;
  for (const auto& item : model.named_parameters(/*recurse=*/true)) {
    if (!item.value().requires_grad()) continue;
    (decays(item.key(), item.value()) ? decay : no_decay).push_back(item.value());
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                 torch::optim::AdamWOptions(lr).weight_decay(weight_decay)));
  groups.emplace_back(no_decay, std::make_unique<torch::optim::AdamWOptions>(
                                    torch::optim::AdamWOptions(lr).weight_decay(0.0)));
  return std::make_unique<torch::optim::AdamW>(std::move(groups),
                                               torch::optim::AdamWOptions(lr));
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) {
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  }
}

}  // namespace binvit::train
