#include "ui/pages/train/train_page.h"

#include "core/inspect/prediction_examples.h"
#include "core/train/run_folder.h"
#include "ui/pages/train/checkpoint_list.h"
#include "ui/pages/train/recipe_editor.h"
#include "ui/pages/train/run_curves.h"
#include "ui/pages/train/runs_table.h"
#include "ui/studio_session.h"
#include "ui/widgets/heatmap_plot.h"
#include "ui/widgets/mat_image.h"
#include "ui/widgets/message_box.h"
#include "ui/workers/background_task.h"
#include "ui/workers/json_text.h"
#include "ui/workers/training_runner.h"

#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace binvit::ui {
namespace {

constexpr char kRunsRootKey[] = "train/runsRoot";
constexpr char kRecentRunsKey[] = "train/recentRuns";
constexpr int kMaxRecent = 8;
constexpr size_t kCellImages = 48;  // shown for a clicked confusion cell
constexpr int kCellTile = 64;

QString duration_text(double seconds) {
  const auto total = static_cast<qint64>(std::llround(std::max(0.0, seconds)));
  return QStringLiteral("%1:%2:%3")
      .arg(total / 3600)
      .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
      .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString default_run_name() {
  return QStringLiteral("studio-") +
         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

void remember_run(const QString& folder) {
  QSettings settings;
  QStringList recent = settings.value(kRecentRunsKey).toStringList();
  recent.removeAll(folder);
  recent.prepend(folder);
  settings.setValue(kRecentRunsKey, recent.mid(0, kMaxRecent));
}

}  // namespace

TrainPage::TrainPage(StudioSession* session, QWidget* parent)
    : Page(parent), session_(session), runner_(new TrainingRunner(this)) {
  setObjectName(QStringLiteral("trainPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("Edit the recipe, then start it: training runs in the background with live curves. "
         "Pause, resume or stop at any batch; a stopped or killed run resumes from its last "
         "checkpoint."));
  recipe_ = new RecipeEditor(session_);
  auto* scroll = new QScrollArea;
  scroll->setWidget(recipe_);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(300);
  auto* splitter = new QSplitter;
  splitter->setObjectName(QStringLiteral("trainSplitter"));
  splitter->addWidget(scroll);
  splitter->addWidget(create_views());
  splitter->setStretchFactor(1, 3);
  layout->addWidget(create_controls());
  layout->addWidget(splitter, 1);

  connect(runner_, &TrainingRunner::progress, this, &TrainPage::on_progress);
  connect(runner_, &TrainingRunner::metrics, this, &TrainPage::on_record);
  connect(runner_, &TrainingRunner::stage_started, this,
          [this](const QString& stage, int index, int count) {
            emit session_->log(tr("Stage %1 of %2: %3").arg(index + 1).arg(count).arg(stage));
          });
  connect(runner_, &TrainingRunner::log_line, this,
          [this](const QString& line) { emit session_->log(line); });
  connect(runner_, &TrainingRunner::checkpoint_saved, this,
          [this](const QString&) { checkpoints_->show_run(folder_); });
  connect(runner_, &TrainingRunner::finished, this,
          [this](bool completed, const QString& table, const QJsonObject&) {
            on_finished(completed, table);
          });
  connect(runner_, &TrainingRunner::failed, this, &TrainPage::on_failed);
  connect(checkpoints_, &CheckpointList::checkpoint_chosen, session_,
          &StudioSession::set_checkpoint);
  connect(runs_, &RunsTable::run_chosen, this, &TrainPage::open_run);
  connect(runs_, &RunsTable::root_edited, this,
          [](const QString& root) { QSettings().setValue(kRunsRootKey, root); });
  connect(confusion_, &HeatmapPlot::cell_clicked, this, &TrainPage::show_cell_images);

  const QSettings settings;
  set_runs_root(
      settings.value(kRunsRootKey, QDir::current().absoluteFilePath(QStringLiteral("runs")))
          .toString());
}

QString TrainPage::title() const { return tr("Train"); }

QString TrainPage::summary() const {
  return tr("Edit the training recipe, run it and follow live curves");
}

QIcon TrainPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-train.svg")); }

QWidget* TrainPage::create_controls() {
  run_name_ = new QLineEdit(default_run_name());
  run_name_->setObjectName(QStringLiteral("runName"));
  run_name_->setToolTip(tr("The new run's folder name, under the runs folder"));
  start_ = new QPushButton(tr("Start"));
  start_->setObjectName(QStringLiteral("startTraining"));
  start_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  start_->setToolTip(tr("Start the recipe in a new run folder (Ctrl+R)"));
  pause_ = new QPushButton(tr("Pause"));
  pause_->setObjectName(QStringLiteral("pauseTraining"));
  pause_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  pause_->setToolTip(tr("Pause after the current batch, or resume (Ctrl+P)"));
  stop_ = new QPushButton(tr("Stop"));
  stop_->setObjectName(QStringLiteral("stopTraining"));
  stop_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
  stop_->setToolTip(tr("Stop after the current batch and save a checkpoint (Ctrl+.)"));
  resume_run_ = new QPushButton(tr("Resume run..."));
  resume_run_->setObjectName(QStringLiteral("resumeRun"));
  resume_run_->setToolTip(tr("Continue an interrupted run from its last checkpoint"));
  connect(start_, &QPushButton::clicked, this, &TrainPage::start_training);
  connect(pause_, &QPushButton::clicked, this, &TrainPage::toggle_pause);
  connect(stop_, &QPushButton::clicked, this, &TrainPage::stop_training);
  connect(resume_run_, &QPushButton::clicked, this, &TrainPage::choose_run_to_resume);
  progress_ = new QProgressBar;
  progress_->setObjectName(QStringLiteral("trainingProgress"));
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  status_ = new QLabel(tr("Idle"));
  status_->setObjectName(QStringLiteral("trainingStatus"));

  auto* controls = new QWidget;
  auto* layout = new QVBoxLayout(controls);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(new QLabel(tr("Run name")));
  buttons->addWidget(run_name_, 1);
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  buttons->addWidget(resume_run_);
  layout->addLayout(buttons);
  auto* progress_row = new QHBoxLayout;
  progress_row->addWidget(progress_, 1);
  progress_row->addWidget(status_, 2);
  layout->addLayout(progress_row);
  set_running(false);
  return controls;
}

QWidget* TrainPage::create_views() {
  curves_ = new RunCurves;
  confusion_ = new HeatmapPlot;
  confusion_->setObjectName(QStringLiteral("confusionMatrix"));
  confusion_caption_ = new QLabel(
      tr("The confusion matrix of the latest evaluation; click a cell to see its images."));
  confusion_caption_->setWordWrap(true);
  auto* confusion_page = new QWidget;
  auto* confusion_layout = new QVBoxLayout(confusion_page);
  confusion_layout->addWidget(confusion_, 1);
  confusion_layout->addWidget(confusion_caption_);
  checkpoints_ = new CheckpointList;
  runs_ = new RunsTable;
  views_ = new QTabWidget;
  views_->setObjectName(QStringLiteral("trainViews"));
  views_->addTab(curves_, tr("Curves"));
  views_->addTab(confusion_page, tr("Confusion matrix"));
  views_->addTab(checkpoints_, tr("Checkpoints"));
  views_->addTab(runs_, tr("Runs"));
  return views_;
}

QString TrainPage::runs_root() const { return runs_->root(); }

void TrainPage::set_runs_root(const QString& root) { runs_->set_root(root); }

bool TrainPage::start_training() {
  if (runner_->running()) return false;
  QString error;
  const QString config = recipe_->config_json(&error);
  if (config.isEmpty()) {
    show_message_box(this, QMessageBox::Warning, tr("Invalid recipe"), error,
                     QStringLiteral("trainErrorDialog"));
    return false;
  }
  QString name = run_name_->text().trimmed();
  if (name.isEmpty()) name = default_run_name();
  const QString folder = QDir(runs_root()).absoluteFilePath(name);
  if (QFileInfo::exists(folder + QStringLiteral("/config.json"))) {
    show_message_box(this, QMessageBox::Warning, tr("Run exists"),
                     tr("%1 already holds a run; choose another name or resume it.").arg(folder),
                     QStringLiteral("trainErrorDialog"));
    return false;
  }
  curves_->clear();
  folder_ = folder;
  if (!runner_->start(config, folder, false)) return false;
  session_->set_run_folder(folder);
  remember_run(folder);
  set_running(true);
  status_->setText(tr("Starting %1 ...").arg(folder));
  emit session_->log(tr("Training started in %1").arg(folder));
  emit training_started(folder);
  return true;
}

bool TrainPage::resume_run(const QString& folder) {
  if (runner_->running()) return false;
  open_run(folder);  // the curves so far; the resumed records continue them
  folder_ = folder;
  if (!runner_->start(QString(), folder, true)) return false;
  session_->set_run_folder(folder);
  remember_run(folder);
  set_running(true);
  emit session_->log(tr("Resuming %1").arg(folder));
  emit training_started(folder);
  return true;
}

void TrainPage::choose_run_to_resume() {
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Run folder to resume"), runs_root());
  if (!folder.isEmpty()) resume_run(folder);
}

void TrainPage::toggle_pause() {
  if (!runner_->running()) return;
  if (runner_->paused()) {
    runner_->resume();
    pause_->setText(tr("Pause"));
    emit session_->log(tr("Training resumed"));
  } else {
    runner_->pause();
    pause_->setText(tr("Resume"));
    status_->setText(tr("Paused"));
    emit session_->log(tr("Training paused"));
  }
}

void TrainPage::stop_training() {
  if (!runner_->running()) return;
  runner_->stop();
  stop_->setEnabled(false);
  status_->setText(tr("Stopping after the current batch..."));
}

bool TrainPage::training() const { return runner_->running(); }

bool TrainPage::paused() const { return runner_->paused(); }

void TrainPage::open_run(const QString& folder) {
  curves_->clear();
  folder_ = folder;
  try {
    const train::RunFolder run = train::RunFolder::open(folder.toStdString());
    for (const nlohmann::json& record : run.read_metrics()) {
      on_record(parse_json_object(QString::fromStdString(record.dump())));
    }
  } catch (const std::exception& error) {
    show_message_box(this, QMessageBox::Warning, tr("Cannot open the run"),
                     QString::fromStdString(error.what()), QStringLiteral("trainErrorDialog"));
    return;
  }
  checkpoints_->show_run(folder);
  session_->set_run_folder(folder);
  views_->setCurrentWidget(curves_);
}

void TrainPage::show_cell_images(int row, int column) {
  const QStringList names = session_->class_names();
  const QString true_name = names.value(row, QString::number(row));
  const QString predicted_name = names.value(column, QString::number(column));
  confusion_caption_->setText(tr("True %1, predicted %2: %3 % of the true class.")
                                  .arg(true_name, predicted_name)
                                  .arg(confusion_->value(row, column), 0, 'f', 1));
  if (folder_.isEmpty() || confusion_stage_.isEmpty() || runner_->running()) return;
  inspect::PredictionQuery query;
  query.run_folder = folder_.toStdString();
  query.stage = confusion_stage_.toStdString();
  query.true_class = row;
  query.predicted = column;
  query.limit = kCellImages;
  const QString title = tr("True %1, predicted %2 (%3, best checkpoint)")
                            .arg(true_name, predicted_name, confusion_stage_);
  struct Tile {
    QImage image;
    QString tip;
  };
  run_in_background<std::vector<Tile>>(
      this,
      [query] {
        std::vector<Tile> tiles;
        for (const inspect::PredictionExample& example : inspect::find_prediction_examples(query)) {
          tiles.push_back(
              {to_qimage_rgb(example.image), tr("%1\nconfidence %2 %")
                                                 .arg(QString::fromStdString(example.source))
                                                 .arg(100.0 * example.confidence, 0, 'f', 1)});
        }
        return tiles;
      },
      [this, title](const std::vector<Tile>& tiles) {
        auto* dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("cellImagesDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(title);
        auto* list = new QListWidget;
        list->setViewMode(QListView::IconMode);
        list->setIconSize(QSize(kCellTile, kCellTile));
        list->setResizeMode(QListView::Adjust);
        for (const Tile& tile : tiles) {
          auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(tile.image.scaled(
                                               kCellTile, kCellTile, Qt::KeepAspectRatio))),
                                           QString());
          item->setToolTip(tile.tip);
          list->addItem(item);
        }
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(new QLabel(tiles.empty()
                                         ? tr("No evaluation image falls in this cell.")
                                         : tr("%n image(s); hover for the file and the confidence.",
                                              "", static_cast<int>(tiles.size()))));
        layout->addWidget(list);
        dialog->resize(560, 420);
        dialog->open();
        emit cell_images_shown(static_cast<int>(tiles.size()));
      },
      [this](const QString& message) {
        show_message_box(this, QMessageBox::Warning, tr("Cannot list the images"), message,
                         QStringLiteral("trainErrorDialog"));
      });
}

void TrainPage::on_progress(const TrainingProgressInfo& p) {
  const double stage_share =
      p.epochs > 0 && p.batches > 0
          ? (static_cast<double>(p.epoch) + static_cast<double>(p.batch) / p.batches) / p.epochs
          : 0.0;
  progress_->setValue(
      static_cast<int>(1000.0 * (p.stage_index + stage_share) / std::max(1, p.stage_count)));
  if (runner_->paused()) return;
  status_->setText(tr("%1 (stage %2/%3), epoch %4/%5, batch %6/%7, loss %8, %9 images/s, "
                      "stage ends in %10")
                       .arg(p.stage)
                       .arg(p.stage_index + 1)
                       .arg(p.stage_count)
                       .arg(p.epoch + 1)
                       .arg(p.epochs)
                       .arg(p.batch)
                       .arg(p.batches)
                       .arg(p.loss, 0, 'f', 4)
                       .arg(p.images_per_second, 0, 'f', 0)
                       .arg(duration_text(p.eta_seconds)));
}

void TrainPage::on_record(const QJsonObject& record) {
  curves_->add_record(record);
  if (record.value(QStringLiteral("type")).toString() != QLatin1String("epoch")) return;
  std::vector<std::vector<qint64>> matrix;
  for (const QJsonValue& row : record.value(QStringLiteral("confusion")).toArray()) {
    std::vector<qint64> counts;
    for (const QJsonValue& count : row.toArray()) counts.push_back(count.toInteger());
    matrix.push_back(std::move(counts));
  }
  if (!matrix.empty()) {
    confusion_->set_confusion(matrix, session_->class_names());
    confusion_stage_ = record.value(QStringLiteral("stage")).toString();
  }
}

void TrainPage::on_finished(bool completed, const QString& table) {
  set_running(false);
  checkpoints_->show_run(folder_);
  runs_->refresh();
  run_name_->setText(default_run_name());
  if (completed) {
    progress_->setValue(progress_->maximum());
    status_->setText(tr("Completed"));
    emit session_->log(tr("Training completed:\n%1").arg(table));
  } else {
    status_->setText(tr("Stopped; Resume run... continues it"));
    emit session_->log(tr("Training stopped; the last checkpoint is saved."));
  }
  emit training_finished(completed, table);
}

void TrainPage::on_failed(const QString& message) {
  set_running(false);
  status_->setText(tr("Failed"));
  emit session_->log(tr("Training failed: %1").arg(message));
  show_message_box(this, QMessageBox::Critical, tr("Training failed"), message,
                   QStringLiteral("trainErrorDialog"));
  if (!folder_.isEmpty()) checkpoints_->show_run(folder_);
  emit training_finished(false, message);
}

void TrainPage::set_running(bool running) {
  start_->setEnabled(!running);
  resume_run_->setEnabled(!running);
  pause_->setEnabled(running);
  pause_->setText(tr("Pause"));
  stop_->setEnabled(running);
  recipe_->setEnabled(!running);
  run_name_->setEnabled(!running);
}

}  // namespace binvit::ui
