#pragma once
// AdamW with the recipes' parameter groups: no weight decay for biases, norms, every parameter of
// dimension 0 or 1 (scales, thresholds, shifts) and the tokens and position embedding.

#include <torch/nn/module.h>
#include <torch/optim/adamw.h>

#include <memory>
#include <string>
#include <vector>

namespace binvit::train {

struct ParameterGroups {
  std::vector<std::string> decay;     // names, for reports and tests
  std::vector<std::string> no_decay;
};

ParameterGroups split_parameter_groups(const torch::nn::Module& model);

// Group 0 decays with `weight_decay`, group 1 does not.
std::unique_ptr<torch::optim::AdamW> make_adamw(torch::nn::Module& model, double lr,
                                                double weight_decay);

// Sets the rate of every group (the schedule drives it per step).
void set_learning_rate(torch::optim::Optimizer& optimizer, double lr);

}  // namespace binvit::train
