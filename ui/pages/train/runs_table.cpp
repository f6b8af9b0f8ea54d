#include "ui/pages/train/runs_table.h"

#include "ui/widgets/table_csv.h"
#include "ui/workers/background_task.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <map>

namespace binvit::ui {
namespace {

constexpr int kColumns = 12;  // the last one is the run's folder

QJsonObject read_object(const QString& file) {
  QFile in(file);
  if (!in.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(in.readAll()).object();
}

// The learning rates per 512 images of the stages, e.g. "0.004" when they agree.
QString lr_text(const QJsonObject& stages) {
  QStringList rates;
  for (auto it = stages.begin(); it != stages.end(); ++it) {
    const QString rate = QString::number(
        it.value().toObject().value(QStringLiteral("lr_per_512")).toDouble(), 'g', 3);
    if (!rates.contains(rate)) rates << rate;
  }
  return rates.join(QLatin1Char('/'));
}

// Wall time of a run: each stage's records carry the seconds since that stage started.
double run_seconds(const QString& metrics_file) {
  QFile in(metrics_file);
  if (!in.open(QIODevice::ReadOnly)) return 0;
  std::map<int, double> stage_seconds;
  while (!in.atEnd()) {
    const QJsonObject record = QJsonDocument::fromJson(in.readLine()).object();
    if (record.isEmpty()) continue;  // a torn last line
    double& seconds = stage_seconds[record.value(QStringLiteral("stage_index")).toInt()];
    seconds = std::max(seconds, record.value(QStringLiteral("time")).toDouble());
  }
  double total = 0;
  for (const auto& [stage, seconds] : stage_seconds) total += seconds;
  return total;
}

// One row per folder holding a config.json, newest first.
std::vector<QStringList> scan_runs(const QString& root) {
  std::vector<QStringList> rows;
  const QFileInfoList folders =
      QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
  for (const QFileInfo& folder : folders) {
    const QString path = folder.absoluteFilePath();
    const QJsonObject config = read_object(path + QStringLiteral("/config.json"));
    if (config.isEmpty()) continue;
    const QJsonObject manifest = read_object(path + QStringLiteral("/manifest.json"));
    const QJsonObject outcome = read_object(path + QStringLiteral("/reports/outcome.json"));
    const QJsonObject model = config.value(QStringLiteral("model")).toObject();
    const QJsonObject stages = config.value(QStringLiteral("stages")).toObject();
    QStringList epochs;
    for (auto it = stages.begin(); it != stages.end(); ++it) {
      epochs << QStringLiteral("%1:%2").arg(it.key()).arg(
          it.value().toObject().value(QStringLiteral("epochs")).toInt());
    }
    QStringList accuracy;
    for (const QJsonValue& stage : outcome.value(QStringLiteral("stages")).toArray()) {
      const QJsonObject s = stage.toObject();
      accuracy << QStringLiteral("%1 %2 %")
                      .arg(s.value(QStringLiteral("stage")).toString())
                      .arg(100.0 * s.value(QStringLiteral("top1")).toDouble(), 0, 'f', 2);
    }
    const QString state = outcome.isEmpty() ? RunsTable::tr("running or interrupted")
                          : outcome.value(QStringLiteral("completed")).toBool()
                              ? RunsTable::tr("completed")
                              : RunsTable::tr("stopped");
    const QString model_name = model.value(QStringLiteral("variant")).toString().isEmpty()
                                   ? model.value(QStringLiteral("family")).toString()
                                   : model.value(QStringLiteral("family")).toString() +
                                         QLatin1Char('/') +
                                         model.value(QStringLiteral("variant")).toString();
    rows.push_back(
        {folder.fileName(), config.value(QStringLiteral("recipe")).toString(), model_name,
         config.value(QStringLiteral("data")).toObject().value(QStringLiteral("format")).toString(),
         epochs.join(QLatin1Char(' ')),
         QString::number(config.value(QStringLiteral("batch_size")).toInt()), lr_text(stages),
         accuracy.join(QStringLiteral(", ")), state,
         QStringLiteral("%1 min").arg(run_seconds(path + QStringLiteral("/metrics.jsonl")) / 60.0,
                                      0, 'f', 1),
         manifest.value(QStringLiteral("started")).toString(), path});
  }
  return rows;
}

}  // namespace

RunsTable::RunsTable(QWidget* parent) : QWidget(parent) {
  root_ = new QLineEdit;
  root_->setObjectName(QStringLiteral("runsRoot"));
  root_->setToolTip(tr("The folder whose run folders are listed (the CLI writes to runs/)"));
  auto* browse = new QPushButton(tr("Browse..."));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Runs folder"), root());
    if (chosen.isEmpty()) return;
    set_root(chosen);
    emit root_edited(chosen);
  });
  auto* refresh_button = new QPushButton(tr("Refresh"));
  refresh_button->setShortcut(QKeySequence::Refresh);
  connect(refresh_button, &QPushButton::clicked, this, &RunsTable::refresh);
  auto* csv = new QPushButton(tr("Export CSV..."));
  connect(csv, &QPushButton::clicked, this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save runs"), QString(), tr("CSV files (*.csv)"));
    if (!file.isEmpty() && !save_table_csv(*table_, file)) {
      QMessageBox::warning(this, tr("Save runs"), tr("Cannot write %1").arg(file));
    }
  });
  table_ = new QTableWidget(0, kColumns);
  table_->setObjectName(QStringLiteral("runsTable"));
  table_->setHorizontalHeaderLabels({tr("Run"), tr("Recipe"), tr("Model"), tr("Data"), tr("Epochs"),
                                     tr("Batch"), tr("LR per 512"), tr("Top-1 per stage"),
                                     tr("State"), tr("Training time"), tr("Started"),
                                     tr("Folder")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSortingEnabled(true);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setToolTip(tr("Double-click a run to show its curves, confusion matrix and checkpoints"));
  connect(table_, &QTableWidget::cellDoubleClicked, this,
          [this](int row, int) { emit run_chosen(table_->item(row, kColumns - 1)->text()); });
  auto* tools = new QHBoxLayout;
  tools->addWidget(root_, 1);
  tools->addWidget(browse);
  tools->addWidget(refresh_button);
  tools->addWidget(csv);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(tools);
  layout->addWidget(table_, 1);
  connect(root_, &QLineEdit::editingFinished, this, [this] {
    refresh();
    emit root_edited(root());
  });
}

QString RunsTable::root() const { return root_->text(); }

void RunsTable::set_root(const QString& root) {
  root_->setText(root);
  refresh();
}

int RunsTable::run_count() const { return table_->rowCount(); }

void RunsTable::refresh() {
  const QString root = root_->text();
  run_in_background<std::vector<QStringList>>(
      this, [root] { return scan_runs(root); },
      [this](const std::vector<QStringList>& rows) {
        table_->setSortingEnabled(false);
        table_->setRowCount(static_cast<int>(rows.size()));
        for (size_t r = 0; r < rows.size(); ++r) {
          for (int c = 0; c < rows[r].size(); ++c) {
            table_->setItem(static_cast<int>(r), c, new QTableWidgetItem(rows[r][c]));
          }
        }
        table_->setSortingEnabled(true);
        table_->resizeColumnsToContents();
        emit refreshed();
      },
      [this](const QString&) { emit refreshed(); });
}

}  // namespace binvit::ui
