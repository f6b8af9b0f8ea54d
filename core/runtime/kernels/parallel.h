#pragma once
// A small fork-join pool for the kernels: the caller runs chunk 0 itself and threads-1 workers
// (std::thread, created once) run the others. Workers spin briefly after a job before sleeping,
// because a model runs one short GEMM after another (a ViT-S layer takes well under a
// millisecond) and waking a sleeping thread costs tens of microseconds.
//
// Results never depend on the thread count: work is split into disjoint output tiles and every
// kernel is exact integer arithmetic per output.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace binvit::runtime::kernels {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Calls task(context, t) for t in [0, tasks), tasks <= threads(); t = 0 on the calling thread.
  // Returns when all are done. Calls from several threads are serialised.
  void run(int tasks, void (*task)(void* context, int index), void* context);

 private:
  void work(int index);

  std::vector<std::thread> workers_;
  std::mutex run_mutex_;  // one job at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::atomic<unsigned long long> generation_{0};
  std::atomic<int> pending_{0};
  bool stop_ = false;
  int tasks_ = 0;
  void (*task_)(void*, int) = nullptr;
  void* context_ = nullptr;
};

// The process-wide thread count used by the kernel entry points (kernels.h); default 1, as for
// LibTorch here (ARCHITECTURE.md). Not to be changed while kernels run on other threads.
void set_num_threads(int threads);
int num_threads();
ThreadPool& default_pool();

// Splits [0, count) into at most num_threads() contiguous ranges whose starts are multiples of
// grain (a tile size) and calls body(begin, end) for each, in parallel.
template <class Body>
void parallel_for(std::size_t count, std::size_t grain, const Body& body) {
  if (count == 0) return;
  grain = std::max<std::size_t>(grain, 1);
  ThreadPool& pool = default_pool();
  const std::size_t units = (count + grain - 1) / grain;
  const std::size_t parts = std::min<std::size_t>(static_cast<std::size_t>(pool.threads()), units);
  if (parts <= 1) {
    body(std::size_t{0}, count);
    return;
  }
  struct Job {
    const Body* body;
    std::size_t count, per_part;
  } job{&body, count, (units + parts - 1) / parts * grain};
  pool.run(
      static_cast<int>(parts),
      [](void* context, int index) {
        const Job& j = *static_cast<const Job*>(context);
        const std::size_t begin = static_cast<std::size_t>(index) * j.per_part;
        const std::size_t end = std::min(j.count, begin + j.per_part);
        if (begin < end) (*j.body)(begin, end);
      },
      &job);
}

}  // namespace binvit::runtime::kernels
