#include "ui/pages/model/model_page.h"

#include "core/nn/models/model_registry.h"
#include "core/nn/summary/model_summary.h"
#include "core/train/train_config.h"
#include "ui/studio_session.h"
#include "ui/widgets/table_csv.h"
#include "ui/workers/background_task.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace binvit::ui {
namespace {

constexpr int kDebounceMs = 250;
constexpr char kDemoPreset[] = "demo";

QString shape_text(const std::vector<int64_t>& shape) {
  QStringList parts;
  for (const int64_t d : shape) parts << QString::number(d);
  return parts.join(QStringLiteral(" x "));
}

// 1234567 -> "1.23 M": the magnitudes the papers print.
QString compact(double value) {
  const char* units[] = {"", " k", " M", " G", " T"};
  int unit = 0;
  while (std::abs(value) >= 1000.0 && unit < 4) {
    value /= 1000.0;
    ++unit;
  }
  return QString::number(value, 'f', unit == 0 ? 0 : 2) + QLatin1String(units[unit]);
}

QString bytes_text(double bytes) {
  return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1);
}

struct SummaryView {
  std::vector<QStringList> rows;
  QString totals;
};

SummaryView summarize(const std::string& config_text) {
  const nn::ModelSummary summary = nn::summarize_model(nlohmann::json::parse(config_text));
  SummaryView view;
  for (const nn::LayerCost& layer : summary.layers) {
    view.rows.push_back({QString::fromStdString(layer.name), QString::fromStdString(layer.type),
                         shape_text(layer.output_shape), QString::number(layer.parameters),
                         QString::fromStdString(layer.bits), compact(layer.flops),
                         compact(layer.bops), compact(layer.ops()),
                         bytes_text(static_cast<double>(layer.float_bytes)),
                         bytes_text(static_cast<double>(layer.packed_bytes))});
  }
  const double float_bytes = static_cast<double>(summary.total_float_bytes());
  const double packed_bytes = static_cast<double>(summary.total_packed_bytes());
  view.totals =
      ModelPage::tr(
          "Input %1. Totals: %2 parameters, %3 FLOPs, %4 BOPs, %5 OPs (FLOPs + BOPs/64; "
          "8-bit layers counted at full FLOPs); %6 as float32, %7 packed (%8x smaller).")
          .arg(shape_text(summary.input_shape),
               compact(static_cast<double>(summary.total_parameters())),
               compact(summary.total_flops()), compact(summary.total_bops()),
               compact(summary.total_ops()), bytes_text(float_bytes), bytes_text(packed_bytes))
          .arg(packed_bytes > 0 ? float_bytes / packed_bytes : 0.0, 0, 'f', 1);
  return view;
}

}  // namespace

ModelPage::ModelPage(StudioSession* session, QWidget* parent) : Page(parent), session_(session) {
  setObjectName(QStringLiteral("modelPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("Pick a model family and preset and edit its hyperparameters. The summary counts every "
         "layer the way the binary-network papers do: OPs = FLOPs + BOPs / 64."));

  preset_ = new QComboBox;
  preset_->setObjectName(QStringLiteral("modelPreset"));
  preset_->setToolTip(
      tr("The registered presets; 'demo' is the small GSB model for Fashion-MNIST"));
  preset_->addItem(QString::fromLatin1(kDemoPreset));
  preset_->setItemData(0,
                       tr("GSB model fitted to Fashion-MNIST: 28 px grey, patch 7, width 96, "
                          "4 blocks (the built-in demo)"),
                       Qt::ToolTipRole);
  for (const nn::ModelPreset& preset : nn::model_presets()) {
    preset_->addItem(QString::fromStdString(preset.name));
    preset_->setItemData(preset_->count() - 1, QString::fromStdString(preset.description),
                         Qt::ToolTipRole);
  }
  description_ = new QLabel;
  description_->setWordWrap(true);

  fields_ = new QTableWidget(0, 2);
  fields_->setObjectName(QStringLiteral("modelFields"));
  fields_->setHorizontalHeaderLabels({tr("Hyperparameter"), tr("Value (JSON)")});
  fields_->horizontalHeader()->setStretchLastSection(true);
  fields_->verticalHeader()->hide();
  fields_->setToolTip(tr("Double-click a value to edit it; the summary follows"));
  connect(fields_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (filling_ || item->column() != 1) return;
    set_field(fields_->item(item->row(), 0)->text(), item->text());
  });
  validation_ = new QLabel;
  validation_->setObjectName(QStringLiteral("modelValidation"));
  validation_->setWordWrap(true);

  layers_ = new QTableWidget(0, 10);
  layers_->setObjectName(QStringLiteral("modelSummary"));
  layers_->setHorizontalHeaderLabels({tr("Layer"), tr("Type"), tr("Output"), tr("Parameters"),
                                      tr("Bits"), tr("FLOPs"), tr("BOPs"), tr("OPs"), tr("Float32"),
                                      tr("Packed")});
  layers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layers_->verticalHeader()->hide();
  layers_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  totals_ = new QLabel;
  totals_->setObjectName(QStringLiteral("modelTotals"));
  totals_->setWordWrap(true);
  totals_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* csv = new QPushButton(tr("Export CSV..."));
  csv->setToolTip(tr("Save the summary table as CSV"));
  connect(csv, &QPushButton::clicked, this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save summary"), QString(), tr("CSV files (*.csv)"));
    if (!file.isEmpty() && !save_table_csv(*layers_, file)) {
      QMessageBox::warning(this, tr("Save summary"), tr("Cannot write %1").arg(file));
    }
  });

  auto* left = new QWidget;
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  auto* form = new QFormLayout;
  form->addRow(tr("Preset"), preset_);
  left_layout->addLayout(form);
  left_layout->addWidget(description_);
  left_layout->addWidget(fields_, 1);
  left_layout->addWidget(validation_);
  auto* right = new QWidget;
  auto* right_layout = new QVBoxLayout(right);
  right_layout->setContentsMargins(0, 0, 0, 0);
  right_layout->addWidget(layers_, 1);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(totals_, 1);
  bottom->addWidget(csv);
  right_layout->addLayout(bottom);
  auto* splitter = new QSplitter;
  splitter->setObjectName(QStringLiteral("modelSplitter"));
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter, 1);

  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(kDebounceMs);
  connect(debounce_, &QTimer::timeout, this, &ModelPage::compute_summary);
  connect(preset_, &QComboBox::currentIndexChanged, this, &ModelPage::load_preset);
  load_preset(0);
}

QString ModelPage::title() const { return tr("Model"); }

QString ModelPage::summary() const {
  return tr("Choose a GSB or BHViT model and see its per-layer cost");
}

QIcon ModelPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-model.svg")); }

bool ModelPage::select_preset(const QString& name) {
  const int index = preset_->findText(name);
  if (index < 0) return false;
  preset_->setCurrentIndex(index);
  load_preset(index);  // also when it was already selected: back to the preset's values
  return true;
}

bool ModelPage::set_field(const QString& key, const QString& value) {
  nlohmann::json config = nlohmann::json::parse(config_.toStdString());
  if (!config.contains(key.toStdString())) return false;
  const std::string text = value.trimmed().toStdString();
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  config[key.toStdString()] = parsed.is_discarded() ? nlohmann::json(text) : parsed;
  config_ = QString::fromStdString(config.dump());
  schedule_summary();
  return true;
}

QString ModelPage::validation_message() const { return validation_->text(); }

int ModelPage::summary_rows() const { return layers_->rowCount(); }

QString ModelPage::current_config() const { return config_; }

void ModelPage::load_preset(int index) {
  const std::string name = preset_->itemText(index).toStdString();
  const nlohmann::json config =
      name == kDemoPreset ? train::demo_model_config() : nn::preset_config(name);
  config_ = QString::fromStdString(config.dump());
  description_->setText(preset_->itemData(index, Qt::ToolTipRole).toString());
  fill_fields();
  schedule_summary();
}

void ModelPage::fill_fields() {
  filling_ = true;
  const nlohmann::json config = nlohmann::json::parse(config_.toStdString());
  fields_->setRowCount(0);
  for (const auto& [key, value] : config.items()) {
    const int row = fields_->rowCount();
    fields_->insertRow(row);
    auto* name = new QTableWidgetItem(QString::fromStdString(key));
    name->setFlags(name->flags() & ~Qt::ItemIsEditable);
    fields_->setItem(row, 0, name);
    fields_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(value.dump())));
  }
  fields_->resizeColumnToContents(0);
  filling_ = false;
}

void ModelPage::schedule_summary() {
  ++generation_;
  validation_->setText(tr("Checking..."));
  debounce_->start();
}

void ModelPage::compute_summary() {
  const int generation = generation_;
  const std::string config = config_.toStdString();
  run_in_background<SummaryView>(
      this, [config] { return summarize(config); },
      [this, generation](const SummaryView& view) {
        if (generation != generation_) return;
        layers_->setRowCount(static_cast<int>(view.rows.size()));
        for (size_t r = 0; r < view.rows.size(); ++r) {
          for (int c = 0; c < view.rows[r].size(); ++c) {
            auto* item = new QTableWidgetItem(view.rows[r][c]);
            if (c >= 3 && c != 4) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            layers_->setItem(static_cast<int>(r), c, item);
          }
        }
        totals_->setText(view.totals);
        validation_->setStyleSheet(QString());
        validation_->setText(tr("Valid configuration; used for training."));
        session_->set_model_config(preset_->currentText(), config_);
        emit summary_ready(true);
      },
      [this, generation](const QString& message) {
        if (generation != generation_) return;
        validation_->setStyleSheet(QStringLiteral("color: #c0392b"));
        validation_->setText(tr("Invalid: %1").arg(message));
        emit summary_ready(false);
      });
}

}  // namespace binvit::ui
