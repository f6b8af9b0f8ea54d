#include "core/train/distributed.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include <stdexcept>

namespace binvit::train {

struct DistributedContext::Impl {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

namespace {

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

}  // namespace

void parse_master_address(const std::string& text, DistributedOptions& options) {
  const auto colon = text.rfind(':');
  int port = 0;
  try {
    if (colon == std::string::npos || colon == 0) throw std::invalid_argument("no port");
    size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) throw std::invalid_argument("port");
  } catch (const std::exception&) {
    throw std::invalid_argument("--master '" + text + "': expected HOST:PORT");
  }
  if (port < 1 || port > 65535) {
    throw std::invalid_argument("--master '" + text + "': port must be 1..65535");
  }
  options.master_host = text.substr(0, colon);
  options.master_port = port;
}

DistributedContext::DistributedContext(const DistributedOptions& options)
    : options_(options), impl_(std::make_unique<Impl>()) {
  if (options.world_size < 1 || options.rank < 0 || options.rank >= options.world_size) {
    throw std::invalid_argument("rank " + std::to_string(options.rank) +
                                " is outside a world of " + std::to_string(options.world_size));
  }
  const std::string where = options.master_host + ":" + std::to_string(options.master_port);
  try {
    c10d::TCPStoreOptions store_options;
    store_options.port = static_cast<std::uint16_t>(options.master_port);
    store_options.isServer = options.rank == 0;
    store_options.numWorkers = static_cast<size_t>(options.world_size);
    store_options.waitWorkers = true;
    store_options.timeout = options.timeout;
    impl_->store = c10::make_intrusive<c10d::TCPStore>(options.master_host, store_options);
    auto group_options = c10d::ProcessGroupGloo::Options::create(options.timeout);
    group_options->devices.push_back(
        is_loopback(options.master_host)
            ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
            : c10d::ProcessGroupGloo::createDefaultDevice());
    impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, options.rank,
                                                               options.world_size, group_options);
  } catch (const std::exception& error) {
    throw std::runtime_error("rank " + std::to_string(options.rank) + ": cannot join the " +
                             std::to_string(options.world_size) + "-process group at " + where +
                             " within " + std::to_string(options.timeout.count()) +
                             " s: " + error.what());
  }
}

DistributedContext::~DistributedContext() = default;

namespace {

// Runs a collective and turns a timeout or a closed connection into an error naming the cause.
void wait_for(const c10::intrusive_ptr<c10d::Work>& work, int rank, const char* what) {
  try {
    work->wait();
  } catch (const std::exception& error) {
    throw std::runtime_error("rank " + std::to_string(rank) + ": " + what +
                             " failed; a peer process was lost or stopped answering (" +
                             error.what() + ")");
  }
}

}  // namespace

void DistributedContext::broadcast_state(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> tensors;
  for (auto& p : module.parameters()) tensors.push_back(p);
  for (auto& b : module.buffers()) tensors.push_back(b);
  for (auto& tensor : tensors) {
    // Broadcast works on contiguous tensors; parameters are, buffers might not be.
    std::vector<torch::Tensor> one{tensor.is_contiguous() ? tensor : tensor.contiguous()};
    wait_for(impl_->group->broadcast(one), options_.rank, "broadcast of the initial state");
    if (!tensor.is_contiguous()) tensor.copy_(one[0]);
  }
}

void DistributedContext::average_gradients(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> grads;
  for (auto& p : module.parameters()) {
    if (!p.requires_grad()) continue;
    // A parameter unused in this step still takes part, so every rank sends the same buckets.
    if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
    grads.push_back(p.grad());
  }
  const double scale = 1.0 / options_.world_size;
  size_t begin = 0;
  while (begin < grads.size()) {
    size_t end = begin;
    size_t bytes = 0;
    while (end < grads.size() && (end == begin || bytes < options_.bucket_bytes)) {
      bytes += grads[end].numel() * grads[end].element_size();
      ++end;
    }
    std::vector<torch::Tensor> flat_parts;
    for (size_t i = begin; i < end; ++i) flat_parts.push_back(grads[i].reshape({-1}));
    std::vector<torch::Tensor> bucket{torch::cat(flat_parts)};
    wait_for(impl_->group->allreduce(bucket), options_.rank, "gradient all-reduce");
    bucket[0].mul_(scale);
    int64_t offset = 0;
    for (size_t i = begin; i < end; ++i) {
      const int64_t n = grads[i].numel();
      grads[i].copy_(bucket[0].narrow(0, offset, n).view_as(grads[i]));
      offset += n;
    }
    begin = end;
  }
}

void DistributedContext::barrier() {
  std::vector<torch::Tensor> token{torch::zeros({1})};
  wait_for(impl_->group->allreduce(token), options_.rank, "barrier");
}

}  // namespace binvit::train
