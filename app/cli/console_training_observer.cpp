#include "app/cli/console_training_observer.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace binvit::cli {
namespace {

std::string clock_text(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

}  // namespace

ConsoleTrainingObserver::ConsoleTrainingObserver(std::ostream& out, bool quiet)
    : out_(out), quiet_(quiet), terminal_(&out == &std::cout && isatty(STDOUT_FILENO)) {}

void ConsoleTrainingObserver::end_bar() {
  if (bar_open_) out_ << "\n";
  bar_open_ = false;
}

void ConsoleTrainingObserver::on_progress(const train::TrainingProgress& p) {
  if (quiet_ || p.batches == 0) return;
  const auto now = std::chrono::steady_clock::now();
  const size_t tenth = p.batch * 10 / p.batches;
  if (terminal_) {
    if (p.batch != p.batches && now - last_draw_ < std::chrono::milliseconds(200)) return;
  } else if (tenth == last_tenth_ && p.batch != 1) {
    return;
  }
  last_draw_ = now;
  last_tenth_ = tenth;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * p.batch / p.batches);
  std::ostringstream line;
  line << "[" << p.stage << " " << p.stage_index + 1 << "/" << p.stage_count << "] epoch "
       << p.epoch + 1 << "/" << p.epochs << " [" << std::string(filled, '#')
       << std::string(kWidth - filled, '.') << "] " << p.batch << "/" << p.batches << " loss "
       << std::fixed << std::setprecision(4) << p.loss << "  " << std::setprecision(0)
       << p.images_per_second << " img/s  ETA " << clock_text(p.eta_seconds);
  if (terminal_) {
    out_ << "\r" << line.str() << "\x1b[K" << std::flush;
    bar_open_ = true;
  } else {
    out_ << line.str() << "\n" << std::flush;
  }
}

void ConsoleTrainingObserver::on_metrics(const nlohmann::json& r) {
  if (r.value("type", "") != "epoch") return;
  end_bar();
  out_ << std::fixed << std::setprecision(2) << "[" << r.value("stage", "") << "] epoch "
       << r.value("epoch", 0) + 1 << ": train loss " << std::setprecision(4)
       << r.value("train_loss", 0.0) << ", " << r.value("eval", "") << std::setprecision(2);
  if (r.contains("miou")) {
    out_ << " mIoU " << 100 * r.value("miou", 0.0) << "%, pixel accuracy "
         << 100 * r.value("pixel_accuracy", 0.0) << "%";
  } else {
    out_ << " top-1 " << 100 * r.value("top1", 0.0) << "%, top-5 " << 100 * r.value("top5", 0.0)
         << "%";
  }
  out_ << " (best " << 100 * r.value("best_score", 0.0) << "%), " << std::setprecision(0)
       << r.value("images_per_second", 0.0) << " img/s, " << clock_text(r.value("time", 0.0))
       << " into the stage\n"
       << std::flush;
}

void ConsoleTrainingObserver::on_stage_started(const std::string& stage, int index, int count) {
  end_bar();
  out_ << "== stage " << index + 1 << "/" << count << ": " << stage << " ==\n" << std::flush;
}

void ConsoleTrainingObserver::on_log(const std::string& line) {
  end_bar();
  out_ << line << "\n" << std::flush;
}

}  // namespace binvit::cli
