#pragma once
// The Train page: the recipe editor with its schedule preview, Start / Pause / Resume / Stop,
// progress with the time left, live curves with stage markers, the confusion matrix of the latest
// evaluation, the run's checkpoints, and a table comparing every run. Training runs on its own
// thread (TrainingRunner); this page only edits, starts and shows.

#include "ui/pages/page.h"

#include <QJsonObject>
#include <QString>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace binvit::ui {

class CheckpointList;
class HeatmapPlot;
class RecipeEditor;
class RunCurves;
class RunsTable;
class StudioSession;
class TrainingRunner;
struct TrainingProgressInfo;

class TrainPage : public Page {
  Q_OBJECT

 public:
  explicit TrainPage(StudioSession* session, QWidget* parent = nullptr);

  QString title() const override;
  QString summary() const override;
  QIcon icon() const override;

  // Starts the recipe in a new run folder under the runs folder; false (with a dialog) when the
  // configuration is invalid or a run is active.
  bool start_training();
  // Continues the run in `folder` where its last checkpoint left it.
  bool resume_run(const QString& folder);
  void toggle_pause();
  void stop_training();
  bool training() const;
  bool paused() const;
  // Shows a finished or interrupted run: curves from metrics.jsonl, confusion, checkpoints.
  void open_run(const QString& folder);

  RecipeEditor* recipe_editor() const { return recipe_; }
  RunCurves* curves() const { return curves_; }
  CheckpointList* checkpoints() const { return checkpoints_; }
  RunsTable* runs_table() const { return runs_; }
  HeatmapPlot* confusion() const { return confusion_; }
  // The same as clicking a confusion cell.
  void click_confusion_cell(int row, int column) { show_cell_images(row, column); }
  QString runs_root() const;
  // For this session; the runs folder the user types or browses to is the one remembered.
  void set_runs_root(const QString& root);

 signals:
  void training_started(const QString& folder);
  // completed: false when stopped (resumable) or failed.
  void training_finished(bool completed, const QString& message);
  // The images of a clicked confusion cell are shown (count of them).
  void cell_images_shown(int count);

 private:
  QWidget* create_controls();
  QWidget* create_views();
  // Lists the evaluation images with this true class and prediction in a dialog.
  void show_cell_images(int row, int column);
  void on_progress(const TrainingProgressInfo& progress);
  void on_record(const QJsonObject& record);
  void on_finished(bool completed, const QString& table);
  void on_failed(const QString& message);
  void set_running(bool running);
  void choose_run_to_resume();

  StudioSession* session_;
  TrainingRunner* runner_ = nullptr;
  RecipeEditor* recipe_ = nullptr;
  RunCurves* curves_ = nullptr;
  HeatmapPlot* confusion_ = nullptr;
  QLabel* confusion_caption_ = nullptr;
  CheckpointList* checkpoints_ = nullptr;
  RunsTable* runs_ = nullptr;
  QTabWidget* views_ = nullptr;
  QLineEdit* run_name_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* pause_ = nullptr;
  QPushButton* stop_ = nullptr;
  QPushButton* resume_run_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QString folder_;
  QString confusion_stage_;  // the stage of the matrix shown
};

}  // namespace binvit::ui
