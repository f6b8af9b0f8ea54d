#pragma once
// The pause/stop token a trainer checks at every batch. Any thread (a GUI button, a signal
// handler, a test) may request; only the training thread waits.

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace binvit::train {

class TrainingControl {
 public:
  void request_stop() {
    stop_.store(true);
    resume();  // a paused trainer must wake up to notice the stop
  }
  bool stop_requested() const { return stop_.load(); }

  void pause() { paused_.store(true); }
  void resume() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      paused_.store(false);
    }
    wake_.notify_all();
  }
  bool paused() const { return paused_.load(); }

  // Blocks while paused; returns at once otherwise or when a stop is requested.
  void wait_while_paused() {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait(lock, [this] { return !paused_.load() || stop_.load(); });
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<bool> paused_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace binvit::train
