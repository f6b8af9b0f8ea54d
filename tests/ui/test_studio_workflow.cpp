// The whole workflow in a real (offscreen) window on a few hundred Fashion-MNIST images with a
// small model: choose data, choose a model, train with live curves, pause, resume and stop,
// checkpoints listed, inspect every layer and head, export + verify + benchmark with a report.
// Also: a bad dataset path gives a dialog and the application stays up; a segmentation run (made
// with `binvit train`) shows its prediction, ground truth and per-class IoU on the Inspect page.

#include "ui/main_window.h"
#include "ui/pages/data/data_page.h"
#include "ui/pages/export/export_page.h"
#include "ui/pages/inspect/inspect_page.h"
#include "ui/pages/inspect/segmentation_view.h"
#include "ui/pages/model/model_page.h"
#include "ui/pages/train/checkpoint_list.h"
#include "ui/pages/train/recipe_editor.h"
#include "ui/pages/train/run_curves.h"
#include "ui/pages/train/runs_table.h"
#include "ui/pages/train/train_page.h"
#include "ui/resources.h"
#include "ui/studio_session.h"
#include "ui/theme.h"
#include "ui/widgets/heatmap_plot.h"
#include "ui/widgets/metric_plot.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace binvit::ui;

namespace {

constexpr int kTrainTimeoutMs = 300000;

QtMessageHandler qtest_message_handler = nullptr;

void drop_offscreen_noise(QtMsgType type, const QMessageLogContext& context,
                          const QString& message) {
  if (message.contains(QStringLiteral("does not support propagateSizeHints"))) return;
  qtest_message_handler(type, context, message);
}

// A few hundred training images, a small evaluation set, a two-block demo model.
void choose_small_data_and_model(MainWindow& window) {
  auto* data = window.find_page<DataPage>();
  data->findChild<QSpinBox*>(QStringLiteral("trainLimit"))->setValue(320);
  data->findChild<QSpinBox*>(QStringLiteral("testLimit"))->setValue(100);
  auto* model = window.find_page<ModelPage>();
  QSignalSpy summary(model, &ModelPage::summary_ready);
  QVERIFY(model->select_preset(QStringLiteral("demo")));
  QVERIFY(model->set_field(QStringLiteral("depth"), QStringLiteral("2")));
  QTRY_VERIFY_WITH_TIMEOUT(!summary.isEmpty() && summary.last().at(0).toBool(), 20000);
}

// Twelve 32 x 32 image/mask pairs of three classes (background, square, bar) and classes.txt.
void write_segmentation_folder(const QString& root) {
  QVERIFY(QDir().mkpath(root + QStringLiteral("/images")));
  QVERIFY(QDir().mkpath(root + QStringLiteral("/masks")));
  for (int i = 0; i < 12; ++i) {
    cv::Mat image(32, 32, CV_8UC3, cv::Scalar(40, 90, 40));
    cv::Mat mask(32, 32, CV_8UC1, cv::Scalar(0));
    const cv::Rect square(2 + i, 3 + i, 12, 12);
    image(square).setTo(cv::Scalar(30, 30, 220));
    mask(square).setTo(1);
    const cv::Rect bar(0, 18 + i % 10, 32, 4);
    image(bar).setTo(cv::Scalar(220, 30, 30));
    mask(bar).setTo(2);
    const std::string stem = "pair" + std::to_string(i) + ".png";
    QVERIFY(cv::imwrite((root + QStringLiteral("/images/")).toStdString() + stem, image));
    QVERIFY(cv::imwrite((root + QStringLiteral("/masks/")).toStdString() + stem, mask));
  }
  QFile classes(root + QStringLiteral("/classes.txt"));
  QVERIFY(classes.open(QIODevice::WriteOnly));
  classes.write("background\nsquare\nbar\n");
}

}  // namespace

class TestStudioWorkflow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settings_dir_.isValid());
    QVERIFY(runs_dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_dir_.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_dir_.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BinViT-Test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_studio_workflow"));
    init_resources();
    qtest_message_handler = qInstallMessageHandler(drop_offscreen_noise);
  }

  void cleanupTestCase() { qInstallMessageHandler(qtest_message_handler); }

  void badDatasetPathGivesADialog() {
    MainWindow window;
    window.show();
    auto* data = window.find_page<DataPage>();
    QVERIFY(data);
    auto* format = data->findChild<QComboBox*>(QStringLiteral("datasetFormat"));
    format->setCurrentText(QStringLiteral("image-folder"));
    data->findChild<QLineEdit*>(QStringLiteral("datasetPath"))
        ->setText(runs_dir_.filePath(QStringLiteral("no-such-folder")));
    QSignalSpy opened(data, &DataPage::dataset_opened);
    data->open_dataset();
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
    QCOMPARE(opened.first().at(0).toBool(), false);
    auto* dialog = window.findChild<QMessageBox*>(QStringLiteral("datasetErrorDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY2(dialog->text().contains(QStringLiteral("no-such-folder")), qPrintable(dialog->text()));
    dialog->close();
    // Still usable: the default dataset opens afterwards.
    format->setCurrentText(QStringLiteral("fashion-mnist"));
    data->findChild<QLineEdit*>(QStringLiteral("datasetPath"))->clear();
    data->open_dataset();
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 60000);
    QCOMPARE(opened.last().at(0).toBool(), true);
    QCOMPARE(data->item_count(), 60000);
  }

  void invalidHyperparameterNamesTheField() {
    MainWindow window;
    auto* model = window.find_page<ModelPage>();
    QSignalSpy summary(model, &ModelPage::summary_ready);
    QVERIFY(model->set_field(QStringLiteral("depth"), QStringLiteral("-1")));
    QTRY_VERIFY_WITH_TIMEOUT(!summary.isEmpty(), 20000);
    QCOMPARE(summary.last().at(0).toBool(), false);
    QVERIFY2(model->validation_message().contains(QStringLiteral("depth")),
             qPrintable(model->validation_message()));
    QVERIFY(!model->set_field(QStringLiteral("no_such_field"), QStringLiteral("1")));
    QVERIFY(model->set_field(QStringLiteral("depth"), QStringLiteral("2")));
    QTRY_VERIFY_WITH_TIMEOUT(summary.last().at(0).toBool(), 20000);
    QVERIFY(model->summary_rows() > 4);
  }

  void trainPauseResumeStop() {
    MainWindow window;
    window.show();
    choose_small_data_and_model(window);
    auto* train = window.find_page<TrainPage>();
    train->set_runs_root(runs_dir_.path());
    RecipeEditor* recipe = train->recipe_editor();
    recipe->set_recipe(QStringLiteral("gsb-two-stage"));
    recipe->set_epochs(QStringLiteral("teacher"), 40);  // long enough to be stopped
    recipe->set_batch_size(16);
    recipe->set_log_every(1);
    QVERIFY(recipe->preview_points() > 0);
    QSignalSpy finished(train, &TrainPage::training_finished);
    QVERIFY(train->start_training());
    MetricPlot* loss = train->curves()->loss_plot();
    QTRY_VERIFY_WITH_TIMEOUT(loss->point_count(QStringLiteral("loss")) >= 3, 120000);
    QVERIFY(train->curves()->lr_plot()->point_count(QStringLiteral("lr")) >= 3);

    train->toggle_pause();
    QVERIFY(train->paused());
    QTest::qWait(700);  // the batch running when pause was asked may still finish
    const int paused_points = loss->point_count(QStringLiteral("loss"));
    QTest::qWait(1500);
    QCOMPARE(loss->point_count(QStringLiteral("loss")), paused_points);
    train->toggle_pause();
    QVERIFY(!train->paused());
    QTRY_VERIFY_WITH_TIMEOUT(loss->point_count(QStringLiteral("loss")) > paused_points, 60000);

    QElapsedTimer stopping;
    stopping.start();
    train->stop_training();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const qint64 stop_ms = stopping.elapsed();
    QVERIFY2(stop_ms < 2000, qPrintable(QStringLiteral("stop took %1 ms").arg(stop_ms)));
    QCOMPARE(finished.first().at(0).toBool(), false);  // stopped, resumable
    QTRY_VERIFY(!train->training());
    QVERIFY(train->checkpoints()->checkpoint_count() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(train->runs_table()->run_count() >= 1, 10000);
  }

  void segmentationRunInspected() {
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    write_segmentation_folder(data);
    const QString run = dir.filePath(QStringLiteral("run"));
    QProcess train;
    train.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments = {QStringLiteral("train"), QStringLiteral("--out"), run};
    for (const QString& item :
         {QStringLiteral("recipe=segmentation"), QStringLiteral("model=bhvit-seg-mini"),
          QStringLiteral("model.num_classes=3"), QStringLiteral("model.image_size=32"),
          QStringLiteral("model.stem_patch=2"), QStringLiteral("model.fpn_dim=16"),
          QStringLiteral("data.format=segmentation-folder"), QStringLiteral("data.path=") + data,
          QStringLiteral("data.image_size=32"), QStringLiteral("data.channels=3"),
          QStringLiteral("data.val_percent=25"), QStringLiteral("batch_size=4"),
          QStringLiteral("stages.single.epochs=1")}) {
      arguments << QStringLiteral("--set") << item;
    }
    train.start(qEnvironmentVariable("BINVIT_BINARY_DIR") + QStringLiteral("/app/binvit"),
                arguments);
    QVERIFY(train.waitForFinished(kTrainTimeoutMs));
    const QByteArray output = train.readAll();
    QVERIFY2(train.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("mIoU"), output.constData());

    // As `binvit-studio RUN` does: the session's dataset stays the default one, so the samples
    // must come from the run's own dataset.
    MainWindow window;
    window.show();
    auto* inspect = window.find_page<InspectPage>();
    QSignalSpy opened(&window, &MainWindow::inspection_opened);
    QSignalSpy inspected(inspect, &InspectPage::inspected);
    window.open_for_inspection(run);
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 120000);
    QVERIFY(opened.first().at(0).toBool());
    QCOMPARE(window.current_page_index(), window.page_index<InspectPage>());
    QVERIFY(inspect->segmentation_loaded());
    const SegmentationView* view = inspect->segmentation_view();
    QVERIFY2(view->scores_text().contains(QStringLiteral("mIoU")), qPrintable(view->scores_text()));
    inspect->inspect_sample(2);
    QTRY_VERIFY_WITH_TIMEOUT(inspected.size() == 2, 60000);
    QVERIFY(inspected.last().at(0).toBool());
    QVERIFY(view->class_rows() >= 1 && view->class_rows() <= 3);
    // An image file has no mask: the prediction alone.
    inspect->inspect_file(data + QStringLiteral("/images/pair5.png"));
    QTRY_VERIFY_WITH_TIMEOUT(inspected.size() == 3, 60000);
    QVERIFY(inspected.last().at(0).toBool());
    QVERIFY2(!view->scores_text().contains(QStringLiteral("mIoU")),
             qPrintable(view->scores_text()));
  }

  void trainInspectExport() {
    MainWindow window;
    window.show();
    choose_small_data_and_model(window);
    auto* train = window.find_page<TrainPage>();
    train->set_runs_root(runs_dir_.path());
    RecipeEditor* recipe = train->recipe_editor();
    recipe->set_recipe(QStringLiteral("gsb-two-stage"));
    for (const char* stage : {"teacher", "stage1", "stage2"})
      recipe->set_epochs(QLatin1String(stage), 1);
    recipe->set_batch_size(32);
    recipe->set_log_every(2);
    QSignalSpy started(train, &TrainPage::training_started);
    QSignalSpy finished(train, &TrainPage::training_finished);
    QVERIFY(train->start_training());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTrainTimeoutMs);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    const QString run = started.first().at(0).toString();
    QVERIFY(QFileInfo::exists(run + QStringLiteral("/checkpoints/stage2/best.pt")));
    QVERIFY(train->curves()->accuracy_plot()->point_count(QStringLiteral("top1")) == 3);
    QCOMPARE(train->confusion()->rows(), 10);
    QVERIFY(train->checkpoints()->checkpoint_count() >= 3);

    // Inspect: student and teacher of the run, every layer and head.
    auto* inspect = window.find_page<InspectPage>();
    QSignalSpy loaded(inspect, &InspectPage::models_loaded);
    inspect->load_models(run);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
    QVERIFY(loaded.first().at(0).toBool());
    QVERIFY(inspect->has_teacher());
    QSignalSpy inspected(inspect, &InspectPage::inspected);
    inspect->inspect_sample(3);
    QTRY_VERIFY_WITH_TIMEOUT(!inspected.isEmpty(), 60000);
    QVERIFY(inspected.first().at(0).toBool());
    QCOMPARE(inspect->layer_count(), 2);
    QCOMPARE(inspect->head_count(), 4);
    QCOMPARE(inspect->map_count(), 2 * 4);
    QVERIFY(!inspect->top5_text().isEmpty());
    inspect->select_patch(1, 2);
    QCOMPARE(inspect->map_count(), 2 * 4);
    QSignalSpy flips(inspect, &InspectPage::flips_ready);
    inspect->compare_with(run + QStringLiteral("/checkpoints/stage2/best.pt"));
    QTRY_VERIFY_WITH_TIMEOUT(!flips.isEmpty(), 60000);
    QVERIFY2(inspect->flip_text().contains(QStringLiteral(": 0 of")),
             qPrintable(inspect->flip_text()));

    // Export, verify, benchmark; the report files.
    auto* exporter = window.find_page<ExportPage>();
    exporter->set_source(run);
    exporter->set_verify_images(20);
    exporter->set_benchmark_rounds(2, 2);
    QSignalSpy exported(exporter, &ExportPage::finished);
    QVERIFY(exporter->run_all());
    QTRY_VERIFY_WITH_TIMEOUT(!exported.isEmpty(), kTrainTimeoutMs);
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exporter->result_summary()));
    QVERIFY(exporter->agreement_table()->rowCount() > 0);
    // Zero differing bits and the logit and top-1 bars, on real images.
    QVERIFY2(exporter->verification_passed(), qPrintable(exporter->result_summary()));
    QVERIFY(QFileInfo::exists(run + QStringLiteral("/export/model.bvit")));
    QTemporaryDir report;
    QVERIFY(exporter->save_report(report.path()));
    for (const char* file : {"report.json", "verify.csv", "benchmark.csv", "latency.png",
                             "throughput.png", "sizes.png", "agreement.csv"}) {
      QVERIFY2(QFileInfo(report.filePath(QLatin1String(file))).size() > 0, file);
    }
  }

 private:
  QTemporaryDir settings_dir_;
  QTemporaryDir runs_dir_;
};

QTEST_MAIN(TestStudioWorkflow)
#include "test_studio_workflow.moc"
