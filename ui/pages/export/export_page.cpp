#include "ui/pages/export/export_page.h"

#include "core/deploy/deploy.h"
#include "ui/studio_session.h"
#include "ui/widgets/message_box.h"
#include "ui/widgets/plot_style.h"
#include "ui/widgets/table_csv.h"
#include "ui/workers/background_task.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace binvit::ui {

// Everything one click produced.
struct DeployOutcome {
  deploy::ExportResult exported;
  deploy::VerifyResult verified;
  deploy::BenchmarkResult benchmark;
  bool cancelled = false;
};

namespace {

// Fractions of the whole job each workflow takes (the benchmark dominates).
constexpr double kExportShare = 0.1;
constexpr double kVerifyShare = 0.3;

QString default_output(const QString& source) {
  const QFileInfo info(source);
  if (info.isDir()) return QDir(source).absoluteFilePath(QStringLiteral("export/model.bvit"));
  // RUN/checkpoints/STAGE/best.pt -> RUN/export/STAGE-best.bvit, as ARCHITECTURE.md's run folder
  QDir stage = info.absoluteDir();
  const QString stage_name = stage.dirName();
  QDir run = stage;
  if (run.cdUp() && run.dirName() == QLatin1String("checkpoints") && run.cdUp()) {
    return run.absoluteFilePath(
        QStringLiteral("export/%1-%2.bvit").arg(stage_name, info.baseName()));
  }
  return info.absoluteDir().absoluteFilePath(info.baseName() + QStringLiteral(".bvit"));
}

void set_bars(QCustomPlot* plot, const QStringList& labels, const QVector<double>& values,
              const QString& value_label) {
  plot->clearPlottables();
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setPen(Qt::NoPen);
  bars->setBrush(series_color(0));
  QVector<double> keys;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < labels.size(); ++i) {
    keys << i;
    ticker->addTick(i, labels[i]);
  }
  bars->setData(keys, values);
  plot->xAxis->setTicker(ticker);
  plot->yAxis->setLabel(value_label);
  plot->rescaleAxes();
  plot->xAxis->setRange(-0.6, labels.size() - 0.4);
  plot->yAxis->setRangeLower(0);
  plot->yAxis->setRangeUpper(plot->yAxis->range().upper * 1.15);
  style_plot(plot);
  plot->replot(QCustomPlot::rpQueuedReplot);
}

QCustomPlot* chart(const QString& name, const QString& title) {
  auto* plot = new QCustomPlot;
  plot->setObjectName(name);
  plot->setMinimumHeight(180);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title));
  style_plot(plot);
  return plot;
}

}  // namespace

ExportPage::ExportPage(StudioSession* session, QWidget* parent) : Page(parent), session_(session) {
  setObjectName(QStringLiteral("exportPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("Export the chosen checkpoint to the packed 1-bit format in one click: BinViT Studio "
         "then checks the packed engine against the training model bit for bit on real images "
         "and measures it side by side with LibTorch."));
  layout->addWidget(create_form());
  layout->addWidget(create_results(), 1);
  connect(session_, &StudioSession::checkpoint_changed, this, &ExportPage::set_source);
  connect(session_, &StudioSession::run_folder_changed, this, [this](const QString& folder) {
    if (session_->checkpoint().isEmpty()) set_source(folder);
  });
}

ExportPage::~ExportPage() {
  // The job reports to this page; let it end first (it stops at its next step).
  if (cancel_flag_) cancel_flag_->store(true);
  QThreadPool::globalInstance()->waitForDone();
}

QString ExportPage::title() const { return tr("Export & Benchmark"); }

QString ExportPage::summary() const {
  return tr("Export to the packed 1-bit format, verify it and compare its speed");
}

QIcon ExportPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-export.svg")); }

QWidget* ExportPage::create_form() {
  source_ = new QLineEdit;
  source_->setObjectName(QStringLiteral("exportSource"));
  source_->setPlaceholderText(tr("a checkpoint (.pt) or a run folder; pick one on the Train page"));
  source_->setToolTip(tr("What to export: a checkpoint, or a run folder (its best checkpoint)"));
  auto* browse = new QPushButton(tr("Browse..."));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Checkpoint to export"),
                                                      source_->text(), tr("Checkpoints (*.pt)"));
    if (!file.isEmpty()) set_source(file);
  });
  output_ = new QLineEdit;
  output_->setObjectName(QStringLiteral("exportOutput"));
  output_->setToolTip(tr("The .bvit to write; the safetensors and LibTorch archive go next to it"));
  verify_images_ = new QSpinBox;
  verify_images_->setObjectName(QStringLiteral("verifyImages"));
  verify_images_->setRange(1, 100000);
  verify_images_->setValue(200);
  verify_images_->setToolTip(tr("Fashion-MNIST test images the engine and LibTorch both run"));
  rounds_ = new QSpinBox;
  rounds_->setRange(1, 100);
  rounds_->setValue(5);
  rounds_->setToolTip(tr("Benchmark rounds; the systems alternate within every round"));
  iterations_ = new QSpinBox;
  iterations_->setRange(1, 1000);
  iterations_->setValue(5);
  iterations_->setToolTip(tr("Timed forwards per system and round"));
  two_threads_ = new QCheckBox(tr("Also at 2 threads"));
  two_threads_->setToolTip(tr("Measure at 1 and 2 threads (ratios at the same thread count)"));
  run_ = new QPushButton(tr("Export, verify and benchmark"));
  run_->setObjectName(QStringLiteral("exportRun"));
  run_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  run_->setToolTip(tr("Export, then verify, then benchmark (Ctrl+E)"));
  connect(run_, &QPushButton::clicked, this, &ExportPage::run_all);
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setEnabled(false);
  connect(cancel_, &QPushButton::clicked, this, &ExportPage::cancel);
  save_ = new QPushButton(tr("Save report..."));
  save_->setObjectName(QStringLiteral("exportSaveReport"));
  save_->setEnabled(false);
  save_->setToolTip(tr("JSON, CSV and PNG charts into a folder"));
  connect(save_, &QPushButton::clicked, this, &ExportPage::choose_report_folder);
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  step_ = new QLabel;

  auto* box = new QGroupBox(tr("Export"));
  auto* form = new QFormLayout(box);
  auto* source_row = new QHBoxLayout;
  source_row->addWidget(source_, 1);
  source_row->addWidget(browse);
  form->addRow(tr("Checkpoint or run"), source_row);
  form->addRow(tr("Packed model"), output_);
  auto* options = new QHBoxLayout;
  options->addWidget(new QLabel(tr("Verify on")));
  options->addWidget(verify_images_);
  options->addWidget(new QLabel(tr("images; rounds")));
  options->addWidget(rounds_);
  options->addWidget(new QLabel(tr("x")));
  options->addWidget(iterations_);
  options->addWidget(two_threads_);
  options->addStretch();
  form->addRow(tr("Options"), options);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(run_);
  buttons->addWidget(cancel_);
  buttons->addWidget(save_);
  buttons->addWidget(progress_, 1);
  form->addRow(buttons);
  form->addRow(step_);
  return box;
}

QWidget* ExportPage::create_results() {
  summary_ = new QLabel(tr("Nothing exported yet."));
  summary_->setObjectName(QStringLiteral("exportSummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  agreement_ = new QTableWidget(0, 5);
  agreement_->setObjectName(QStringLiteral("agreementTable"));
  agreement_->setHorizontalHeaderLabels({tr("Layer"), tr("Kind"), tr("Elements"),
                                         tr("Differing end to end"), tr("Differing, same input")});
  agreement_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  agreement_->verticalHeader()->hide();
  agreement_->horizontalHeader()->setStretchLastSection(true);
  agreement_->setToolTip(
      tr("Per binarized activation and binary product: values where the packed "
         "engine and LibTorch differ (0 is bit-exact)"));
  latency_ = chart(QStringLiteral("latencyChart"), tr("Median latency (ms)"));
  throughput_ = chart(QStringLiteral("throughputChart"), tr("Images per second"));
  sizes_ = chart(QStringLiteral("sizeChart"), tr("Bytes on disk (MiB)"));
  auto* charts = new QWidget;
  auto* chart_layout = new QHBoxLayout(charts);
  chart_layout->setContentsMargins(0, 0, 0, 0);
  chart_layout->addWidget(latency_);
  chart_layout->addWidget(throughput_);
  chart_layout->addWidget(sizes_);
  auto* tabs = new QTabWidget;
  tabs->addTab(charts, tr("Benchmark"));
  tabs->addTab(agreement_, tr("Agreement per layer"));
  auto* results = new QWidget;
  auto* layout = new QVBoxLayout(results);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(summary_);
  layout->addWidget(tabs, 1);
  return results;
}

void ExportPage::set_source(const QString& checkpoint_or_run) {
  if (busy_) return;
  source_->setText(checkpoint_or_run);
  output_->setText(checkpoint_or_run.isEmpty() ? QString() : default_output(checkpoint_or_run));
}

void ExportPage::set_verify_images(int images) { verify_images_->setValue(images); }

void ExportPage::set_benchmark_rounds(int rounds, int iterations) {
  rounds_->setValue(rounds);
  iterations_->setValue(iterations);
}

QString ExportPage::result_summary() const { return summary_->text(); }

bool ExportPage::run_all() {
  if (busy_) return false;
  const QString source = source_->text().trimmed();
  if (source.isEmpty()) {
    show_failure(
        tr("Choose a checkpoint or run folder to export (the Train page's checkpoint "
           "list sets it)."));
    return false;
  }
  deploy::ExportOptions export_options;
  export_options.source = source.toStdString();
  export_options.out = output_->text().trimmed().toStdString();
  deploy::VerifyOptions verify_options;
  verify_options.model = export_options.out;
  verify_options.limit = verify_images_->value();
  deploy::BenchmarkOptions bench_options;
  bench_options.model = export_options.out;
  bench_options.rounds = rounds_->value();
  bench_options.iterations = iterations_->value();
  bench_options.threads = two_threads_->isChecked() ? std::vector<int>{1, 2} : std::vector<int>{1};

  busy_ = true;
  verification_passed_ = false;
  cancel_flag_ = std::make_shared<std::atomic<bool>>(false);
  run_->setEnabled(false);
  cancel_->setEnabled(true);
  save_->setEnabled(false);
  progress_->setValue(0);
  emit session_->log(tr("Exporting %1 to %2").arg(source, output_->text()));
  QPointer<ExportPage> page(this);
  // Progress crosses to the GUI thread as a queued call; a page gone by then drops it.
  const auto report = [page](double start, double share) {
    return [page, start, share](const std::string& step, double fraction) {
      const QString text = QString::fromStdString(step);
      QMetaObject::invokeMethod(
          page.data(),
          [page, text, value = start + share * fraction] {
            if (page) page->show_progress(text, value);
          },
          Qt::QueuedConnection);
    };
  };
  auto flag = cancel_flag_;
  run_in_background<std::shared_ptr<const DeployOutcome>>(
      this,
      [=] {
        auto outcome = std::make_shared<DeployOutcome>();
        outcome->exported =
            deploy::export_model(export_options, report(0, kExportShare), flag.get());
        if (outcome->exported.cancelled) {
          outcome->cancelled = true;
          return std::shared_ptr<const DeployOutcome>(outcome);
        }
        deploy::VerifyOptions verify = verify_options;
        verify.checkpoint = outcome->exported.file("libtorch")->path;
        outcome->verified =
            deploy::verify_model(verify, report(kExportShare, kVerifyShare), flag.get());
        deploy::BenchmarkOptions bench = bench_options;
        bench.checkpoint = verify.checkpoint;
        if (!outcome->verified.cancelled) {
          outcome->benchmark = deploy::benchmark_model(
              bench, report(kExportShare + kVerifyShare, 1 - kExportShare - kVerifyShare),
              flag.get());
        }
        outcome->cancelled = outcome->verified.cancelled || outcome->benchmark.cancelled;
        return std::shared_ptr<const DeployOutcome>(outcome);
      },
      [this](const std::shared_ptr<const DeployOutcome>& outcome) {
        outcome_ = outcome;
        show_outcome(*outcome);
      },
      [this](const QString& message) { show_failure(message); });
  return true;
}

void ExportPage::cancel() {
  if (cancel_flag_) cancel_flag_->store(true);
  step_->setText(tr("Cancelling after the current step..."));
}

void ExportPage::show_progress(const QString& step, double fraction) {
  progress_->setValue(static_cast<int>(1000 * std::clamp(fraction, 0.0, 1.0)));
  step_->setText(step);
}

void ExportPage::show_outcome(const DeployOutcome& outcome) {
  busy_ = false;
  run_->setEnabled(true);
  cancel_->setEnabled(false);
  save_->setEnabled(true);
  progress_->setValue(outcome.cancelled ? progress_->value() : progress_->maximum());
  step_->setText(outcome.cancelled ? tr("Cancelled") : tr("Done"));

  const deploy::VerifyResult& v = outcome.verified;
  verification_passed_ = !outcome.cancelled && v.pass;
  agreement_->setRowCount(static_cast<int>(v.layers.size()));
  for (size_t r = 0; r < v.layers.size(); ++r) {
    const deploy::LayerAgreementRow& row = v.layers[r];
    const QStringList cells = {
        QString::fromStdString(row.name),
        row.bits ? tr("binarized activation") : tr("binary product"), QString::number(row.elements),
        QString::number(row.differing_end_to_end),
        row.differing_same_input < 0 ? tr("not recorded")
                                     : QString::number(row.differing_same_input)};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if ((c == 3 && row.differing_end_to_end != 0) || (c == 4 && row.differing_same_input > 0)) {
        item->setForeground(QColor(0xc0, 0x39, 0x2b));
      }
      agreement_->setItem(static_cast<int>(r), c, item);
    }
  }
  agreement_->resizeColumnsToContents();

  const deploy::BenchmarkResult& b = outcome.benchmark;
  QStringList labels;
  QVector<double> latency;
  QVector<double> throughput;
  QStringList ratios;
  for (const deploy::SystemTiming& timing : b.results) {
    labels << QStringLiteral("%1\n%2 thr")
                  .arg(QString::fromStdString(timing.system))
                  .arg(timing.threads);
    latency << timing.median_ms;
    throughput << timing.images_per_second;
    if (timing.system != "engine") {
      ratios << tr("%1 at %2 thread(s): %3x the engine's time")
                    .arg(QString::fromStdString(timing.system))
                    .arg(timing.threads)
                    .arg(timing.time_over_engine, 0, 'f', 2);
    }
  }
  set_bars(latency_, labels, latency, tr("ms"));
  set_bars(throughput_, labels, throughput, tr("images/s"));
  const double mib = 1024.0 * 1024.0;
  set_bars(
      sizes_, {tr(".bvit"), tr("float32\ncheckpoint"), tr("binary model\ncheckpoint")},
      {b.bytes.bvit / mib, b.bytes.float32_checkpoint / mib, b.bytes.binary_model_checkpoint / mib},
      tr("MiB"));

  summary_->setText(
      tr("%1. Verification on %2 images: %3 (differing bits %4, differing counts %5, layer by "
         "layer %6; logits max relative difference %7; %8). Benchmark: %9. "
         "Sizes: .bvit %10 MiB, %11x smaller than float32; binary linear weights %12x.")
          .arg(outcome.cancelled
                   ? tr("Cancelled")
                   : tr("Exported %1").arg(QString::fromStdString(outcome.exported.model_name)))
          .arg(v.images)
          .arg(v.pass ? tr("PASS") : tr("FAIL"))
          .arg(v.differing_bits)
          .arg(v.differing_counts)
          .arg(v.differing_same_input)
          .arg(v.max_relative_difference, 0, 'g', 3)
          .arg(v.segmentation
                   ? tr("per-pixel argmax agreement %1 %").arg(100.0 * v.pixel_agreement, 0, 'f', 2)
                   : tr("top-1 agreement %1 %").arg(100.0 * v.top1_agreement, 0, 'f', 2))
          .arg(ratios.isEmpty() ? tr("not run") : ratios.join(QStringLiteral("; ")))
          .arg(b.bytes.bvit / mib, 0, 'f', 2)
          .arg(b.bytes.float_over_bvit, 0, 'f', 1)
          .arg(b.bytes.binary_linear_ratio, 0, 'f', 1));
  emit session_->log(summary_->text());
  emit finished(!outcome.cancelled);
}

void ExportPage::show_failure(const QString& message) {
  busy_ = false;
  run_->setEnabled(true);
  cancel_->setEnabled(false);
  step_->setText(tr("Failed"));
  emit session_->log(tr("Export failed: %1").arg(message));
  show_message_box(this, QMessageBox::Warning, tr("Export & Benchmark"), message,
                   QStringLiteral("exportErrorDialog"));
  emit finished(false);
}

bool ExportPage::save_report(const QString& folder) const {
  if (!outcome_) return false;
  try {
    const std::filesystem::path root = folder.toStdString();
    std::filesystem::create_directories(root);
    const nlohmann::json report = {{"export", outcome_->exported.to_json()},
                                   {"verify", outcome_->verified.to_json()},
                                   {"benchmark", outcome_->benchmark.to_json()}};
    QFile json(QDir(folder).absoluteFilePath(QStringLiteral("report.json")));
    if (!json.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    json.write(QByteArray::fromStdString(report.dump(2)));
    deploy::write_report(outcome_->verified, root / "verify.csv");
    deploy::write_report(outcome_->benchmark, root / "benchmark.csv");
    const QDir dir(folder);
    return latency_->savePng(dir.absoluteFilePath(QStringLiteral("latency.png")), 0, 0, 2.0) &&
           throughput_->savePng(dir.absoluteFilePath(QStringLiteral("throughput.png")), 0, 0,
                                2.0) &&
           sizes_->savePng(dir.absoluteFilePath(QStringLiteral("sizes.png")), 0, 0, 2.0) &&
           save_table_csv(*agreement_, dir.absoluteFilePath(QStringLiteral("agreement.csv")));
  } catch (const std::exception&) {
    return false;
  }
}

void ExportPage::choose_report_folder() {
  const QString folder = QFileDialog::getExistingDirectory(
      this, tr("Report folder"), QFileInfo(output_->text()).absolutePath());
  if (folder.isEmpty()) return;
  if (save_report(folder)) {
    emit session_->log(tr("Report saved in %1").arg(folder));
  } else {
    QMessageBox::warning(this, tr("Save report"),
                         tr("Cannot write the report into %1").arg(folder));
  }
}

}  // namespace binvit::ui
