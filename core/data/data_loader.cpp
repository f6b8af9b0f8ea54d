#include "core/data/data_loader.h"

#include "core/data/random.h"

#include <numeric>
#include <stdexcept>

namespace binvit::data {

std::vector<size_t> epoch_order(size_t dataset_size, const LoaderOptions& options, uint64_t epoch) {
  std::vector<size_t> order(dataset_size);
  std::iota(order.begin(), order.end(), size_t{0});
  if (options.shuffle) {
    Rng rng(mix_seed(options.seed, epoch));  // the same on every rank, so shards are disjoint
    shuffle_indices(order, rng);
  }
  const size_t world = options.world_size;
  const size_t padded = (dataset_size + world - 1) / world * world;
  for (size_t i = dataset_size; i < padded && dataset_size > 0; ++i)
    order.push_back(order[i - dataset_size]);
  std::vector<size_t> mine;
  for (size_t i = options.rank; i < order.size(); i += world) mine.push_back(order[i]);
  return mine;
}

torch::Tensor image_to_tensor(const cv::Mat& image) {
  cv::Mat as_float;
  image.convertTo(as_float, CV_32F, image.depth() == CV_8U ? 1.0 / 255.0 : 1.0);
  if (!as_float.isContinuous()) as_float = as_float.clone();
  const auto hwc = torch::from_blob(
      as_float.data, {as_float.rows, as_float.cols, as_float.channels()}, torch::kFloat32);
  return hwc.permute({2, 0, 1}).clone();  // clone: as_float's memory ends with this function
}

DataLoader::DataLoader(std::shared_ptr<const Dataset> dataset, TransformPtr transform,
                       LoaderOptions options)
    : DataLoader(
          dataset->size(),
          [dataset, transform](size_t item, Rng& rng) {
            Sample sample = dataset->get(item);
            const cv::Mat image = transform ? transform->apply(sample.image, rng) : sample.image;
            return ItemTensors{image_to_tensor(image), torch::tensor(sample.label, torch::kInt64)};
          },
          [dataset](size_t item) { return dataset->source(item); }, options) {}

DataLoader::DataLoader(std::shared_ptr<const SegmentationDataset> dataset,
                       SegmentationTransformPtr transform, LoaderOptions options)
    : DataLoader(
          dataset->size(),
          [dataset, transform](size_t item, Rng& rng) {
            SegmentationSample sample = dataset->get(item);
            if (transform) sample = transform->apply(sample, rng);
            cv::Mat mask = sample.mask.isContinuous() ? sample.mask : sample.mask.clone();
            const torch::Tensor label =
                torch::from_blob(mask.data, {mask.rows, mask.cols}, torch::kUInt8)
                    .to(torch::kInt64);  // a copy: mask's memory ends with this lambda
            return ItemTensors{image_to_tensor(sample.image), label};
          },
          [dataset](size_t item) { return dataset->source(item); }, options) {}

DataLoader::DataLoader(size_t dataset_size, ItemLoader load_item,
                       std::function<std::string(size_t)> source, LoaderOptions options)
    : dataset_size_(dataset_size),
      load_item_(std::move(load_item)),
      source_(std::move(source)),
      options_(options) {
  if (options_.batch_size == 0)
    throw std::invalid_argument("DataLoader: batch size must be positive");
  if (options_.world_size == 0 || options_.rank >= options_.world_size) {
    throw std::invalid_argument("DataLoader: rank " + std::to_string(options_.rank) +
                                " is outside a world of " + std::to_string(options_.world_size));
  }
  options_.prefetch = std::max<size_t>(options_.prefetch, 1);
  for (size_t w = 0; w < options_.num_workers; ++w)
    workers_.emplace_back([this] { worker_loop(); });
  start_epoch(0);
}

DataLoader::~DataLoader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

size_t DataLoader::batches_per_epoch() const { return batch_count_; }

void DataLoader::start_epoch(uint64_t epoch, size_t first_batch) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;  // workers drop what they finish for an older generation
  queue_.clear();
  done_.clear();
  auto plan = std::make_shared<EpochPlan>();
  plan->epoch = epoch;
  plan->items = epoch_order(dataset_size_, options_, epoch);
  const size_t items = plan->items.size();
  batch_count_ = options_.drop_last ? items / options_.batch_size
                                    : (items + options_.batch_size - 1) / options_.batch_size;
  plan_ = std::move(plan);
  next_to_issue_ = std::min(first_batch, batch_count_);
  next_to_return_ = next_to_issue_;
  issue_locked();
}

void DataLoader::issue_locked() {
  if (workers_.empty()) return;
  while (next_to_issue_ < batch_count_ && next_to_issue_ < next_to_return_ + options_.prefetch) {
    queue_.push_back({plan_, generation_, next_to_issue_++});
  }
  work_ready_.notify_all();
}

std::optional<Batch> DataLoader::next() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (next_to_return_ >= batch_count_) return std::nullopt;
  const size_t index = next_to_return_++;
  if (workers_.empty()) {
    const std::shared_ptr<const EpochPlan> plan = plan_;
    lock.unlock();
    return build_batch(*plan, index);
  }
  batch_ready_.wait(lock, [&] { return done_.count(index) != 0; });
  Slot slot = std::move(done_.at(index));
  done_.erase(index);
  issue_locked();
  if (slot.error) std::rethrow_exception(slot.error);
  return std::move(slot.batch);
}

void DataLoader::worker_loop() {
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const Job job = queue_.front();
    queue_.pop_front();
    lock.unlock();
    Slot slot;
    try {
      slot.batch = build_batch(*job.plan, job.batch_index);
    } catch (...) {
      slot.error = std::current_exception();
    }
    lock.lock();
    if (job.generation == generation_) {
      done_[job.batch_index] = std::move(slot);
      batch_ready_.notify_all();
    }
  }
}

Batch DataLoader::build_batch(const EpochPlan& plan, size_t batch_index) const {
  const size_t first = batch_index * options_.batch_size;
  const size_t last = std::min(first + options_.batch_size, plan.items.size());
  Batch batch;
  std::vector<torch::Tensor> images;
  std::vector<torch::Tensor> labels;
  for (size_t position = first; position < last; ++position) {
    const size_t item = plan.items[position];
    Rng rng(mix_seed(mix_seed(options_.seed, plan.epoch), options_.rank, position));
    ItemTensors tensors = load_item_(item, rng);
    if (!images.empty() && tensors.image.sizes() != images.front().sizes()) {
      const auto s = tensors.image.sizes();
      throw std::runtime_error(source_(item) + ": transformed to " + std::to_string(s[2]) + "x" +
                               std::to_string(s[1]) + "x" + std::to_string(s[0]) +
                               ", unlike the batch's first image; add a resize or crop");
    }
    images.push_back(std::move(tensors.image));
    labels.push_back(std::move(tensors.label));
    batch.indices.push_back(item);
  }
  batch.images = torch::stack(images);
  batch.labels = torch::stack(labels);
  return batch;
}

}  // namespace binvit::data
