#include "ui/screenshot_tour.h"

#include "ui/main_window.h"
#include "ui/pages/data/data_page.h"
#include "ui/pages/export/export_page.h"
#include "ui/pages/inspect/inspect_page.h"
#include "ui/pages/model/model_page.h"
#include "ui/pages/train/recipe_editor.h"
#include "ui/pages/train/train_page.h"

#include <QDir>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>

namespace binvit::ui {
namespace {

// Time for layouts and queued replots to settle before a picture is taken.
constexpr int kSettleMs = 400;
constexpr QSize kWindowSize(1440, 900);

}  // namespace

ScreenshotTour::ScreenshotTour(MainWindow* window, QString folder, QObject* parent)
    : QObject(parent), window_(window), folder_(std::move(folder)) {
  auto* data = window_->find_page<DataPage>();
  const int data_index = window_->page_index<DataPage>();
  auto* model = window_->find_page<ModelPage>();
  const int model_index = window_->page_index<ModelPage>();
  auto* train = window_->find_page<TrainPage>();
  const int train_index = window_->page_index<TrainPage>();
  auto* inspect = window_->find_page<InspectPage>();
  const int inspect_index = window_->page_index<InspectPage>();
  auto* exporter = window_->find_page<ExportPage>();
  const int export_index = window_->page_index<ExportPage>();
  const auto show_and_grab = [this](int index, const QString& name) {
    window_->show_page(index);
    QTimer::singleShot(kSettleMs, this, [this, name] {
      if (grab(name)) next();
    });
  };

  steps_.push_back([=] {
    window_->show_page(data_index);
    data->findChild<QSpinBox*>(QStringLiteral("trainLimit"))->setValue(640);
    data->findChild<QSpinBox*>(QStringLiteral("testLimit"))->setValue(200);
    connect(
        data, &DataPage::preview_ready, this, [=] { show_and_grab(data_index, "1-data"); },
        Qt::SingleShotConnection);
    connect(
        data, &DataPage::dataset_opened, this,
        [this](bool ok) {
          if (!ok) fail(tr("the demo dataset could not be opened"));
        },
        Qt::SingleShotConnection);
    data->open_dataset();
  });
  steps_.push_back([=] {
    connect(
        model, &ModelPage::summary_ready, this,
        [=](bool ok) {
          if (!ok)
            return fail(tr("the demo model is invalid: %1").arg(model->validation_message()));
          show_and_grab(model_index, "2-model");
        },
        Qt::SingleShotConnection);
    model->select_preset(QStringLiteral("demo"));
    model->set_field(QStringLiteral("depth"), QStringLiteral("2"));
  });
  steps_.push_back([=] {
    window_->show_page(train_index);
    train->set_runs_root(runs_.path());
    RecipeEditor* recipe = train->recipe_editor();
    recipe->set_recipe(QStringLiteral("gsb-two-stage"));
    for (const char* stage : {"teacher", "stage1", "stage2"})
      recipe->set_epochs(QLatin1String(stage), 1);
    recipe->set_batch_size(32);
    recipe->set_log_every(2);
    connect(
        train, &TrainPage::training_started, this, [this](const QString& run) { run_ = run; },
        Qt::SingleShotConnection);
    connect(
        train, &TrainPage::training_finished, this,
        [=](bool completed, const QString& message) {
          if (!completed) return fail(tr("the demo training did not complete: %1").arg(message));
          show_and_grab(train_index, "3-train");
        },
        Qt::SingleShotConnection);
    if (!train->start_training()) fail(tr("the demo training could not start"));
  });
  steps_.push_back([=] {
    auto* views = train->findChild<QTabWidget*>(QStringLiteral("trainViews"));
    views->setCurrentIndex(1);  // the confusion matrix
    show_and_grab(train_index, "3-train-confusion");
  });
  steps_.push_back([=] {
    window_->show_page(inspect_index);
    connect(
        inspect, &InspectPage::models_loaded, this,
        [=](bool ok) {
          if (!ok) return fail(tr("the demo run could not be loaded for inspection"));
          connect(
              inspect, &InspectPage::inspected, this,
              [=](bool inspected) {
                if (!inspected) return fail(tr("the demo image could not be inspected"));
                show_and_grab(inspect_index, "4-inspect");
              },
              Qt::SingleShotConnection);
          inspect->inspect_sample(0);
        },
        Qt::SingleShotConnection);
    inspect->load_models(run_);
  });
  steps_.push_back([=] {
    window_->show_page(export_index);
    exporter->set_source(run_);
    exporter->set_verify_images(50);
    exporter->set_benchmark_rounds(3, 3);
    connect(
        exporter, &ExportPage::finished, this,
        [=](bool ok) {
          if (!ok)
            return fail(
                tr("export, verification or benchmark failed: %1").arg(exporter->result_summary()));
          show_and_grab(export_index, "5-export");
        },
        Qt::SingleShotConnection);
    if (!exporter->run_all()) fail(tr("the export could not start"));
  });
  steps_.push_back([this] { emit finished(true, tr("screenshots written to %1").arg(folder_)); });
}

void ScreenshotTour::start() {
  if (!QDir().mkpath(folder_)) return fail(tr("cannot create %1").arg(folder_));
  window_->resize(kWindowSize);  // room for every page without scrolling
  step_ = 0;
  next();
}

void ScreenshotTour::next() {
  if (step_ < steps_.size()) steps_[step_++]();
}

void ScreenshotTour::fail(const QString& message) {
  step_ = steps_.size();
  emit finished(false, message);
}

bool ScreenshotTour::grab(const QString& name) {
  const QString file = QDir(folder_).filePath(name + QStringLiteral(".png"));
  if (window_->grab().save(file, "PNG")) return true;
  fail(tr("cannot write %1").arg(file));
  return false;
}

}  // namespace binvit::ui
