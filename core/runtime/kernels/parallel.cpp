#include "core/runtime/kernels/parallel.h"

#include <cassert>
#include <chrono>
#include <thread>

namespace binvit::runtime::kernels {
namespace {

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// How long a thread polls before it sleeps: longer than the gap between two GEMMs of a layer,
// short enough not to hold a core that a busy (shared) machine needs. While polling it yields
// now and then, so that on an oversubscribed machine the thread we wait for can take this core.
constexpr auto kSpin = std::chrono::microseconds(100);

template <class Ready>
bool spin_until(const Ready& ready) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (unsigned i = 1;; ++i) {
    if (ready()) return true;
    cpu_relax();
    if (i % 64 == 0) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::yield();
    }
  }
}

std::mutex g_pool_mutex;
std::unique_ptr<ThreadPool> g_pool;
int g_threads = 1;

}  // namespace

ThreadPool::ThreadPool(int threads) {
  assert(threads >= 1);
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { work(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ThreadPool::run(int tasks, void (*task)(void*, int), void* context) {
  assert(tasks >= 1 && tasks <= threads());
  std::lock_guard<std::mutex> serial(run_mutex_);
  if (tasks == 1 || workers_.empty()) {
    for (int t = 0; t < tasks; ++t) task(context, t);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_ = tasks;
    task_ = task;
    context_ = context;
    pending_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  task(context, 0);
  if (!spin_until([this] { return pending_.load(std::memory_order_acquire) == 0; })) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
  }
}

void ThreadPool::work(int index) {
  unsigned long long seen = 0;
  for (;;) {
    const auto fresh = [&] { return generation_.load(std::memory_order_acquire) != seen; };
    if (!spin_until(fresh)) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, fresh);
    }
    int tasks = 0;
    void (*task)(void*, int) = nullptr;
    void* context = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      seen = generation_.load(std::memory_order_acquire);
      if (stop_) return;
      tasks = tasks_;
      task = task_;
      context = context_;
    }
    if (index < tasks) task(context, index);
    if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      // Take the lock so the notification cannot fall between the caller's check and its wait.
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_one();
    }
  }
}

void set_num_threads(int threads) {
  assert(threads >= 1);
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  if (threads == g_threads && g_pool) return;
  g_pool.reset();
  g_threads = threads;
  g_pool = std::make_unique<ThreadPool>(threads);
}

int num_threads() {
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  return g_threads;
}

ThreadPool& default_pool() {
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  if (!g_pool) g_pool = std::make_unique<ThreadPool>(g_threads);
  return *g_pool;
}

}  // namespace binvit::runtime::kernels
