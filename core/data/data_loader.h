#pragma once
// The batching loader: worker threads decode and transform items ahead of the trainer and hand
// out batches in order as torch tensors. Every epoch has its own order (reshuffled from the seed
// and the epoch number) and every item its own random stream (seed, epoch, rank, position), so a
// run is reproducible whatever the number of workers or the thread timing. Only `prefetch`
// batches are held at a time, so a folder larger than memory streams through.

#include "core/data/dataset.h"
#include "core/data/segmentation_dataset.h"
#include "core/data/transforms/segmentation_transforms.h"
#include "core/data/transforms/transform.h"

#include <torch/torch.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace binvit::data {

struct LoaderOptions {
  size_t batch_size = 64;
  size_t num_workers = 2;  // 0: items are loaded on the thread that calls next()
  size_t prefetch = 4;     // batches prepared ahead of the consumer
  bool shuffle = true;
  bool drop_last = false;  // leave out a last, smaller batch
  uint64_t seed = 0;
  // Sharding for distributed training, as PyTorch's DistributedSampler: the epoch order is padded
  // (repeating its start) to a multiple of world_size and rank takes every world_size-th item.
  size_t rank = 0;
  size_t world_size = 1;
};

struct Batch {
  torch::Tensor images;         // float32 N x C x H x W, as the transforms left them
  torch::Tensor labels;         // int64 N (class indices) or N x H x W (segmentation masks)
  std::vector<size_t> indices;  // dataset indices, for reports and error messages
};

class DataLoader {
 public:
  // `transform` may be null (images are then only scaled to 0..1). Throws std::invalid_argument
  // on a zero batch size or a rank outside the world.
  DataLoader(std::shared_ptr<const Dataset> dataset, TransformPtr transform, LoaderOptions options);
  // Segmentation pairs: `labels` are the masks (kIgnoreIndex where no class counts). `transform`
  // may be null; it must leave every pair of a batch the same size.
  DataLoader(std::shared_ptr<const SegmentationDataset> dataset, SegmentationTransformPtr transform,
             LoaderOptions options);
  ~DataLoader();
  DataLoader(const DataLoader&) = delete;
  DataLoader& operator=(const DataLoader&) = delete;

  // Starts (or restarts) an epoch; batches still being prepared for the previous one are dropped.
  // `first_batch` skips the batches a resumed run has already trained on, without decoding them.
  void start_epoch(uint64_t epoch, size_t first_batch = 0);
  // The next batch of the epoch, or nothing at its end. Rethrows an error a worker met (a
  // DataError names the file); the loader stays usable for the next epoch.
  std::optional<Batch> next();

  size_t batches_per_epoch() const;
  // This rank's items of the current epoch, in order.
  const std::vector<size_t>& epoch_items() const { return plan_->items; }

 private:
  // What workers need of an epoch; shared, so start_epoch can replace it while they finish.
  struct EpochPlan {
    uint64_t epoch = 0;
    std::vector<size_t> items;
  };
  struct Job {
    std::shared_ptr<const EpochPlan> plan;
    uint64_t generation;
    size_t batch_index;
  };
  struct Slot {
    std::optional<Batch> batch;
    std::exception_ptr error;
  };

  // One item as tensors: the image (C x H x W) and its label (a scalar or an H x W mask).
  struct ItemTensors {
    torch::Tensor image;
    torch::Tensor label;
  };
  using ItemLoader = std::function<ItemTensors(size_t item, Rng& rng)>;

  DataLoader(size_t dataset_size, ItemLoader load_item, std::function<std::string(size_t)> source,
             LoaderOptions options);
  Batch build_batch(const EpochPlan& plan, size_t batch_index) const;
  void issue_locked();
  void worker_loop();

  size_t dataset_size_ = 0;
  ItemLoader load_item_;
  std::function<std::string(size_t)> source_;
  LoaderOptions options_;
  std::shared_ptr<const EpochPlan> plan_;
  size_t batch_count_ = 0;
  size_t next_to_issue_ = 0;
  size_t next_to_return_ = 0;

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable batch_ready_;
  std::deque<Job> queue_;
  std::map<size_t, Slot> done_;
  uint64_t generation_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// The items of one epoch for one rank (exposed for tests and the benchmark).
std::vector<size_t> epoch_order(size_t dataset_size, const LoaderOptions& options, uint64_t epoch);

// An 8-bit or float OpenCV image as a float C x H x W tensor (8-bit scaled to 0..1).
torch::Tensor image_to_tensor(const cv::Mat& image);

}  // namespace binvit::data
