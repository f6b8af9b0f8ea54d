#pragma once
// Data-parallel training on PyTorch's own engine: c10d with the Gloo backend over a TCP store.
// Rank 0 hosts the store; every rank starts from rank 0's state and averages gradients with
// bucketed all-reduce. A peer that disappears makes the next collective fail after `timeout`
// with an error that says so, instead of hanging.

#include <torch/nn/module.h>

#include <chrono>
#include <memory>
#include <string>

namespace binvit::train {

struct DistributedOptions {
  int rank = 0;
  int world_size = 1;
  std::string master_host = "127.0.0.1";
  int master_port = 29500;
  std::chrono::seconds timeout{120};
  size_t bucket_bytes = 16u << 20;  // gradients are flattened into buckets of about this size
};

// "HOST:PORT" -> host and port; throws std::invalid_argument naming the text otherwise.
void parse_master_address(const std::string& text, DistributedOptions& options);

class DistributedContext {
 public:
  // Connects to the store and the other ranks; throws std::runtime_error when they do not all
  // arrive within the timeout.
  explicit DistributedContext(const DistributedOptions& options);
  ~DistributedContext();
  DistributedContext(const DistributedContext&) = delete;
  DistributedContext& operator=(const DistributedContext&) = delete;

  int rank() const { return options_.rank; }
  int world_size() const { return options_.world_size; }

  // Parameters and buffers of rank 0 replace every other rank's.
  void broadcast_state(torch::nn::Module& module);
  // Each gradient becomes the mean over the ranks.
  void average_gradients(torch::nn::Module& module);
  // Waits for every rank (end of a stage, before exit).
  void barrier();

 private:
  struct Impl;
  DistributedOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binvit::train
