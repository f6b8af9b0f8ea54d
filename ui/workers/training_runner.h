#pragma once
// Runs a training recipe (core/train) on its own QThread and turns the trainer's observer calls
// into queued signals. Lives on the GUI thread; pause, resume and stop go straight to the
// trainer's token (thread-safe), so they take effect at the next batch even while the training
// thread is busy. Progress is throttled to at most 20 signals a second.

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace binvit::train {
class TrainingControl;
}

namespace binvit::ui {

struct TrainingProgressInfo {
  QString stage;
  int stage_index = 0;
  int stage_count = 1;
  qint64 epoch = 0;  // 0-based
  qint64 epochs = 0;
  qint64 batch = 0;
  qint64 batches = 0;
  double loss = 0;
  double images_per_second = 0;
  double eta_seconds = 0;  // of the current stage
};

class TrainingRunner : public QObject {
  Q_OBJECT

 public:
  explicit TrainingRunner(QObject* parent = nullptr);
  ~TrainingRunner() override;  // asks a running training to stop and waits for its thread

  // Starts `config_json` (a train::TrainConfig) in `run_folder`, or with `resume` continues the
  // run there. Returns false (and emits failed) when a training is already running.
  bool start(const QString& config_json, const QString& run_folder, bool resume);
  void pause();
  void resume();
  void stop();
  bool running() const;
  bool paused() const;

 signals:
  void progress(const binvit::ui::TrainingProgressInfo& progress);
  void metrics(const QJsonObject& record);
  void stage_started(const QString& stage, int index, int count);
  void log_line(const QString& line);
  void checkpoint_saved(const QString& path);
  // The run ended: completed (false: stopped, resumable) with the closing table and outcome JSON.
  void finished(bool completed, const QString& table, const QJsonObject& outcome);
  void failed(const QString& message);

 private:
  QThread* thread_ = nullptr;
  std::shared_ptr<train::TrainingControl> control_;
  // False from the moment the run ends, before its thread has wound down, so that a Start
  // issued from the `finished` handler is accepted.
  std::shared_ptr<std::atomic<bool>> active_;
};

}  // namespace binvit::ui

Q_DECLARE_METATYPE(binvit::ui::TrainingProgressInfo)
