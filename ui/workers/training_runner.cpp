#include "ui/workers/training_runner.h"

#include "core/train/training_recipe.h"
#include "ui/workers/json_text.h"

#include <QThread>

#include <chrono>
#include <exception>

namespace binvit::ui {
namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(50);  // 20 updates a second

QJsonObject to_qt(const nlohmann::json& json) {
  return parse_json_object(QString::fromStdString(json.dump()));
}

// Called on the training thread; emitting a signal of the runner from there queues the call to
// the runner's (GUI) thread.
class SignalObserver : public train::TrainingObserver {
 public:
  explicit SignalObserver(TrainingRunner* runner) : runner_(runner) {}

  void on_progress(const train::TrainingProgress& p) override {
    const auto now = std::chrono::steady_clock::now();
    const bool last_batch = p.batch == p.batches;
    if (!last_batch && now - last_progress_ < kProgressInterval) return;
    last_progress_ = now;
    TrainingProgressInfo info;
    info.stage = QString::fromStdString(p.stage);
    info.stage_index = p.stage_index;
    info.stage_count = p.stage_count;
    info.epoch = p.epoch;
    info.epochs = p.epochs;
    info.batch = static_cast<qint64>(p.batch);
    info.batches = static_cast<qint64>(p.batches);
    info.loss = p.loss;
    info.images_per_second = p.images_per_second;
    info.eta_seconds = p.eta_seconds;
    emit runner_->progress(info);
  }
  void on_metrics(const nlohmann::json& record) override { emit runner_->metrics(to_qt(record)); }
  void on_stage_started(const std::string& stage, int index, int count) override {
    emit runner_->stage_started(QString::fromStdString(stage), index, count);
  }
  void on_log(const std::string& line) override {
    emit runner_->log_line(QString::fromStdString(line));
  }
  void on_checkpoint_saved(const std::filesystem::path& path) override {
    emit runner_->checkpoint_saved(QString::fromStdString(path.string()));
  }

 private:
  TrainingRunner* runner_;
  std::chrono::steady_clock::time_point last_progress_{};
};

}  // namespace

TrainingRunner::TrainingRunner(QObject* parent) : QObject(parent) {
  qRegisterMetaType<TrainingProgressInfo>();
}

TrainingRunner::~TrainingRunner() {
  if (thread_ == nullptr) return;
  control_->request_stop();
  thread_->wait();
  delete thread_;  // its deleteLater would run after this object is gone
}

bool TrainingRunner::start(const QString& config_json, const QString& run_folder, bool resume) {
  if (running()) {
    emit failed(tr("A training is already running; stop it first."));
    return false;
  }
  if (thread_ != nullptr) {
    thread_->wait();  // the previous run has ended; its thread is only returning
    disconnect(thread_, nullptr, this, nullptr);
    thread_->deleteLater();
    thread_ = nullptr;
  }
  control_ = std::make_shared<train::TrainingControl>();
  active_ = std::make_shared<std::atomic<bool>>(true);
  const std::string config_text = config_json.toStdString();
  const std::filesystem::path folder = run_folder.toStdString();
  // The lambda runs on the new thread and owns copies of everything it reads.
  thread_ =
      QThread::create([this, control = control_, active = active_, config_text, folder, resume] {
        SignalObserver observer(this);
        try {
          train::TrainingRunOptions options;
          options.run_folder = folder;
          options.resume = resume;
          const train::TrainConfig config =
              resume ? train::TrainConfig{}
                     : train::train_config_from_json(nlohmann::json::parse(config_text));
          const train::TrainingOutcome outcome =
              train::run_training(config, options, observer, *control);
          *active = false;
          emit finished(outcome.completed, QString::fromStdString(train::format_outcome(outcome)),
                        to_qt(outcome.to_json()));
        } catch (const std::exception& error) {
          *active = false;
          emit failed(QString::fromStdString(error.what()));
        }
      });
  connect(thread_, &QThread::finished, this, [this, thread = thread_] {
    thread->deleteLater();
    if (thread_ == thread) thread_ = nullptr;
  });
  thread_->start();
  return true;
}

void TrainingRunner::pause() {
  if (control_) control_->pause();
}

void TrainingRunner::resume() {
  if (control_) control_->resume();
}

void TrainingRunner::stop() {
  if (control_) control_->request_stop();
}

bool TrainingRunner::running() const { return active_ && *active_; }

bool TrainingRunner::paused() const { return control_ && running() && control_->paused(); }

}  // namespace binvit::ui
