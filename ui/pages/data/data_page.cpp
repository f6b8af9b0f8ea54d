#include "ui/pages/data/data_page.h"

#include "core/data/data_config.h"
#include "core/data/dataset_factory.h"
#include "core/data/dataset_statistics.h"
#include "core/data/preview_grid.h"
#include "core/data/transforms/presets.h"
#include "ui/studio_session.h"
#include "ui/widgets/mat_image.h"
#include "ui/widgets/message_box.h"
#include "ui/widgets/plot_style.h"
#include "ui/workers/background_task.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace binvit::ui {
namespace {

constexpr size_t kStatisticsSamples = 500;  // decoded for sizes and mean/std
constexpr int kThumbnails = 48;
constexpr int kThumbnailSize = 56;
constexpr int kPreviewRuns = 12;
constexpr char kRecentDatasetsKey[] = "data/recent";
constexpr int kMaxRecent = 8;

QString join_numbers(const std::vector<double>& values) {
  QStringList parts;
  for (const double v : values) parts << QString::number(v, 'f', 4);
  return parts.join(QStringLiteral(", "));
}

DatasetOverview classification_overview(const data::DatasetSpec& spec) {
  DatasetOverview overview;
  const std::shared_ptr<data::Dataset> dataset = data::open_dataset(spec);
  const data::DatasetStatistics stats = data::compute_statistics(*dataset, kStatisticsSamples);
  overview.dataset = dataset;
  for (const auto& name : stats.class_names) overview.class_names << QString::fromStdString(name);
  overview.class_counts.assign(stats.class_counts.begin(), stats.class_counts.end());
  overview.mean = stats.mean;
  overview.std = stats.std;
  overview.channels = stats.channels;
  QStringList sizes;
  for (const auto& [size, count] : stats.sizes) {
    sizes << DataPage::tr("%1 x %2 (%3)").arg(size.first).arg(size.second).arg(count);
    if (sizes.size() == 4) break;
  }
  overview.summary = DataPage::tr(
                         "%1 items, %2 classes, %3 channel(s); image sizes: %4; mean %5, std %6 "
                         "(from %7 decoded images); %8 unreadable images skipped")
                         .arg(stats.items)
                         .arg(stats.class_names.size())
                         .arg(stats.channels)
                         .arg(sizes.join(QStringLiteral(", ")))
                         .arg(join_numbers(stats.mean), join_numbers(stats.std))
                         .arg(stats.sampled)
                         .arg(dataset->skipped());
  const size_t count = std::min<size_t>(kThumbnails, dataset->size());
  for (size_t k = 0; k < count; ++k) {
    const size_t item = k * dataset->size() / count;  // spread over the set, all classes seen
    const data::Sample sample = dataset->get(item);
    overview.thumbnails.push_back(
        to_qimage_rgb(sample.image)
            .scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    overview.thumbnail_items.push_back(static_cast<int>(item));
    const auto label = static_cast<size_t>(sample.label);
    overview.thumbnail_tips << QStringLiteral("%1\n%2").arg(
        QString::fromStdString(dataset->source(item)),
        label < stats.class_names.size() ? QString::fromStdString(stats.class_names[label])
                                         : QString::number(sample.label));
  }
  return overview;
}

DatasetOverview segmentation_overview(const data::DatasetSpec& spec) {
  DatasetOverview overview;
  const auto dataset = data::open_segmentation_dataset(spec);
  for (const auto& name : dataset->class_names())
    overview.class_names << QString::fromStdString(name);
  overview.summary = DataPage::tr(
                         "%1 image/mask pairs, %2 classes, ignore index %3; %4 unreadable "
                         "pairs skipped")
                         .arg(dataset->size())
                         .arg(dataset->class_names().size())
                         .arg(data::kIgnoreIndex)
                         .arg(dataset->skipped());
  const size_t count = std::min<size_t>(kThumbnails, dataset->size());
  for (size_t k = 0; k < count; ++k) {
    const size_t item = k * dataset->size() / count;
    const data::SegmentationSample sample = dataset->get(item);
    overview.thumbnails.push_back(
        to_qimage_rgb(sample.image)
            .scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    overview.thumbnail_items.push_back(static_cast<int>(item));
    overview.thumbnail_tips << QString::fromStdString(dataset->source(item));
  }
  return overview;
}

}  // namespace

DataPage::DataPage(StudioSession* session, QWidget* parent) : Page(parent), session_(session) {
  setObjectName(QStringLiteral("dataPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("Choose a dataset in any supported format. Its statistics, class counts and a thumbnail "
         "grid appear below; click a thumbnail to see it through the training transforms."));
  layout->addWidget(create_form());
  layout->addWidget(create_results(), 1);
}

QString DataPage::title() const { return tr("Data"); }

QString DataPage::summary() const {
  return tr("Choose a dataset, look at its statistics and preview the augmentation");
}

QIcon DataPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-data.svg")); }

qint64 DataPage::item_count() const {
  qint64 total = 0;
  for (const qint64 count : overview_.class_counts) total += count;
  return total;
}

QWidget* DataPage::create_form() {
  format_ = new QComboBox;
  format_->setObjectName(QStringLiteral("datasetFormat"));
  for (const auto& format : data::dataset_formats())
    format_->addItem(QString::fromStdString(format));
  for (const auto& format : data::segmentation_formats()) {
    format_->addItem(QString::fromStdString(format));
  }
  format_->setToolTip(tr("The dataset's layout on disk"));
  path_ = new QLineEdit;
  path_->setObjectName(QStringLiteral("datasetPath"));
  path_->setPlaceholderText(
      tr("empty: the installed Fashion-MNIST (/usr/share/datasets/fashion-mnist)"));
  path_->setToolTip(tr("The dataset's folder (a file for the CSV list)"));
  auto* browse_button = new QPushButton(tr("Browse..."));
  browse_button->setToolTip(tr("Choose the dataset's folder or file"));
  connect(browse_button, &QPushButton::clicked, this, &DataPage::browse);
  split_ = new QComboBox;
  split_->setObjectName(QStringLiteral("datasetSplit"));
  split_->addItems({QStringLiteral("train"), QStringLiteral("test"), QStringLiteral("val"),
                    QStringLiteral("trainval")});
  split_->setToolTip(tr("Which part of the dataset to look at"));
  skip_unreadable_ = new QCheckBox(tr("Skip unreadable images"));
  skip_unreadable_->setToolTip(tr("Leave out missing or undecodable images and report how many"));
  val_percent_ = new QDoubleSpinBox;
  val_percent_->setObjectName(QStringLiteral("valPercent"));
  val_percent_->setRange(0, 50);
  val_percent_->setSuffix(QStringLiteral(" %"));
  val_percent_->setToolTip(
      tr("A seeded, stratified validation share of the training set; 0 evaluates on the test "
         "split"));
  train_limit_ = new QSpinBox;
  train_limit_->setObjectName(QStringLiteral("trainLimit"));
  train_limit_->setRange(0, 100000000);
  train_limit_->setSpecialValueText(tr("all"));
  train_limit_->setToolTip(tr("At most this many training images, balanced over classes (0: all)"));
  test_limit_ = new QSpinBox;
  test_limit_->setObjectName(QStringLiteral("testLimit"));
  test_limit_->setRange(0, 100000000);
  test_limit_->setSpecialValueText(tr("all"));
  test_limit_->setToolTip(tr("At most this many evaluation images (0: all)"));
  open_button_ = new QPushButton(tr("&Open"));
  open_button_->setObjectName(QStringLiteral("openDataset"));
  open_button_->setShortcut(QKeySequence::Open);
  open_button_->setToolTip(tr("Open the dataset and use it for training (%1)")
                               .arg(QKeySequence(QKeySequence::Open).toString()));
  connect(open_button_, &QPushButton::clicked, this, &DataPage::open_dataset);
  for (QSpinBox* box : {train_limit_, test_limit_}) {
    connect(box, &QSpinBox::valueChanged, this, &DataPage::publish_config);
  }
  connect(val_percent_, &QDoubleSpinBox::valueChanged, this, &DataPage::publish_config);

  auto* path_row = new QHBoxLayout;
  path_row->addWidget(path_, 1);
  path_row->addWidget(browse_button);
  auto* limits = new QHBoxLayout;
  limits->addWidget(new QLabel(tr("Training images")));
  limits->addWidget(train_limit_);
  limits->addWidget(new QLabel(tr("Evaluation images")));
  limits->addWidget(test_limit_);
  limits->addWidget(new QLabel(tr("Validation share")));
  limits->addWidget(val_percent_);
  limits->addStretch();
  auto* box = new QGroupBox(tr("Dataset"));
  auto* form = new QFormLayout(box);
  form->addRow(tr("Format"), format_);
  form->addRow(tr("Path"), path_row);
  auto* split_row = new QHBoxLayout;
  split_row->addWidget(split_);
  split_row->addWidget(skip_unreadable_);
  split_row->addStretch();
  split_row->addWidget(open_button_);
  form->addRow(tr("Part"), split_row);
  form->addRow(tr("For training"), limits);
  return box;
}

QWidget* DataPage::create_results() {
  statistics_ = new QLabel(tr("No dataset opened yet: Open (Ctrl+O) reads the one chosen above."));
  statistics_->setObjectName(QStringLiteral("datasetStatistics"));
  statistics_->setWordWrap(true);
  statistics_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  counts_plot_ = new QCustomPlot;
  counts_plot_->setObjectName(QStringLiteral("classCounts"));
  counts_plot_->setMinimumHeight(100);
  counts_plot_->yAxis->setLabel(tr("images"));
  style_plot(counts_plot_);

  thumbnails_ = new QListWidget;
  thumbnails_->setObjectName(QStringLiteral("thumbnails"));
  thumbnails_->setViewMode(QListView::IconMode);
  thumbnails_->setIconSize(QSize(kThumbnailSize, kThumbnailSize));
  thumbnails_->setResizeMode(QListView::Adjust);
  thumbnails_->setMovement(QListView::Static);
  thumbnails_->setToolTip(tr("Click an image to preview its augmentation"));
  connect(thumbnails_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row < 0 || row >= static_cast<int>(overview_.thumbnail_items.size())) return;
    preview_item_ = overview_.thumbnail_items[static_cast<size_t>(row)];
    update_preview();
  });

  pipeline_ = new QComboBox;
  pipeline_->setObjectName(QStringLiteral("previewPipeline"));
  for (const auto& name : data::transform_preset_names()) {
    pipeline_->addItem(QString::fromStdString(name));
  }
  pipeline_->setToolTip(tr("The transforms the preview runs"));
  connect(pipeline_, &QComboBox::currentIndexChanged, this, &DataPage::update_preview);
  auto* again = new QPushButton(tr("Draw again"));
  again->setToolTip(tr("The same image with new random draws"));
  connect(again, &QPushButton::clicked, this, [this] {
    preview_seed_ += kPreviewRuns;
    update_preview();
  });
  preview_ = new QLabel;
  preview_->setObjectName(QStringLiteral("augmentationPreview"));
  preview_->setAlignment(Qt::AlignCenter);
  preview_->setMinimumSize(200, 200);
  preview_caption_ = new QLabel;
  preview_caption_->setWordWrap(true);

  auto* preview_box = new QGroupBox(tr("Augmentation preview"));
  auto* preview_layout = new QVBoxLayout(preview_box);
  auto* preview_tools = new QHBoxLayout;
  preview_tools->addWidget(pipeline_, 1);
  preview_tools->addWidget(again);
  preview_layout->addLayout(preview_tools);
  preview_layout->addWidget(preview_, 1);
  preview_layout->addWidget(preview_caption_);

  auto* left = new QSplitter(Qt::Vertical);
  left->addWidget(counts_plot_);
  left->addWidget(thumbnails_);
  auto* splitter = new QSplitter;
  splitter->setObjectName(QStringLiteral("dataSplitter"));
  splitter->addWidget(left);
  splitter->addWidget(preview_box);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);

  auto* results = new QWidget;
  auto* layout = new QVBoxLayout(results);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(statistics_);
  layout->addWidget(splitter, 1);
  return results;
}

void DataPage::browse() {
  const QString current = path_->text();
  const QString chosen =
      format_->currentText() == QLatin1String("csv")
          ? QFileDialog::getOpenFileName(this, tr("Choose the CSV list"), current,
                                         tr("CSV or text lists (*.csv *.txt);;All files (*)"))
          : QFileDialog::getExistingDirectory(this, tr("Choose the dataset folder"), current);
  if (!chosen.isEmpty()) path_->setText(chosen);
}

void DataPage::open_dataset() {
  if (busy_) return;
  data::DatasetSpec spec;
  spec.format = format_->currentText().toStdString();
  spec.path = path_->text().trimmed().toStdString();
  spec.split = data::parse_split(split_->currentText().toStdString());
  spec.options.skip_unreadable = skip_unreadable_->isChecked();
  busy_ = true;
  open_button_->setEnabled(false);
  statistics_->setText(tr("Opening %1 ...").arg(format_->currentText()));
  emit session_->log(tr("Opening dataset %1 %2").arg(format_->currentText(), path_->text()));
  run_in_background<DatasetOverview>(
      this,
      [spec] {
        return data::is_segmentation_format(spec.format) ? segmentation_overview(spec)
                                                         : classification_overview(spec);
      },
      [this](const DatasetOverview& overview) { show_overview(overview); },
      [this](const QString& message) { show_error(message); });
}

void DataPage::show_overview(const DatasetOverview& overview) {
  busy_ = false;
  open_button_->setEnabled(true);
  overview_ = overview;
  statistics_->setText(overview.summary);
  show_class_counts(overview);
  thumbnails_->clear();
  for (size_t i = 0; i < overview.thumbnails.size(); ++i) {
    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(overview.thumbnails[i])), QString());
    item->setToolTip(overview.thumbnail_tips.value(static_cast<int>(i)));
    thumbnails_->addItem(item);
  }
  preview_item_ = overview.thumbnail_items.empty() ? 0 : overview.thumbnail_items.front();
  update_preview();
  if (overview.dataset && split_->currentText() == QLatin1String("train")) {
    session_->set_dataset_facts(overview.class_names, item_count());
  }
  publish_config();
  QSettings settings;
  QStringList recent = settings.value(kRecentDatasetsKey).toStringList();
  const QString entry = format_->currentText() + QLatin1Char('|') + path_->text().trimmed();
  recent.removeAll(entry);
  recent.prepend(entry);
  settings.setValue(kRecentDatasetsKey, recent.mid(0, kMaxRecent));
  emit session_->log(tr("Dataset opened: %1").arg(overview.summary));
  emit dataset_opened(true);
}

void DataPage::show_error(const QString& message) {
  busy_ = false;
  open_button_->setEnabled(true);
  statistics_->setText(tr("The dataset could not be opened."));
  emit session_->log(tr("Dataset error: %1").arg(message));
  show_message_box(this, QMessageBox::Warning, tr("Cannot open the dataset"), message,
                   QStringLiteral("datasetErrorDialog"));
  emit dataset_opened(false);
}

void DataPage::show_class_counts(const DatasetOverview& overview) {
  counts_plot_->clearPlottables();
  auto* bars = new QCPBars(counts_plot_->xAxis, counts_plot_->yAxis);
  bars->setBrush(series_color(0));
  bars->setPen(Qt::NoPen);
  QVector<double> keys;
  QVector<double> values;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (size_t i = 0; i < overview.class_counts.size(); ++i) {
    keys << static_cast<double>(i);
    values << static_cast<double>(overview.class_counts[i]);
    ticker->addTick(static_cast<double>(i), overview.class_names.value(static_cast<int>(i)));
  }
  bars->setData(keys, values);
  counts_plot_->xAxis->setTicker(ticker);
  counts_plot_->xAxis->setTickLabelRotation(keys.size() > 6 ? 45 : 0);
  counts_plot_->rescaleAxes();
  counts_plot_->xAxis->setRange(-0.6, keys.size() - 0.4);
  counts_plot_->yAxis->setRangeLower(0);
  style_plot(counts_plot_);
  counts_plot_->replot(QCustomPlot::rpQueuedReplot);
}

void DataPage::update_preview() {
  if (!overview_.dataset) {
    preview_->clear();
    preview_caption_->setText(overview_.class_counts.empty() && !overview_.thumbnails.empty()
                                  ? tr("The preview runs the classification transforms; open a "
                                       "classification dataset to see it.")
                                  : QString());
    return;
  }
  const auto dataset = overview_.dataset;
  const auto item = static_cast<size_t>(preview_item_);
  const std::string preset = pipeline_->currentText().toStdString();
  const quint64 seed = preview_seed_;
  struct Preview {
    QImage grid;
    QString caption;
  };
  run_in_background<Preview>(
      this,
      [dataset, item, preset, seed] {
        const data::Sample sample = dataset->get(item);
        data::PipelineOptions options;
        options.image_size = std::max(sample.image.cols, sample.image.rows);
        options.channels = sample.image.channels();
        options.mean.resize(static_cast<size_t>(options.channels), 0.5);
        options.std.resize(static_cast<size_t>(options.channels), 0.25);
        const auto pipeline = data::make_transforms(preset, options);
        const cv::Mat grid = data::augmentation_grid(sample.image, *pipeline, kPreviewRuns, seed,
                                                     options.mean, options.std);
        Preview preview;
        preview.grid = to_qimage_rgb(grid);
        preview.caption = tr("%1, %2 runs of %3")
                              .arg(QString::fromStdString(dataset->source(item)))
                              .arg(kPreviewRuns)
                              .arg(QString::fromStdString(pipeline->describe()));
        return preview;
      },
      [this](const Preview& preview) {
        preview_->setPixmap(QPixmap::fromImage(preview.grid)
                                .scaled(preview_->size().boundedTo(preview.grid.size() * 2),
                                        Qt::KeepAspectRatio, Qt::FastTransformation));
        preview_caption_->setText(preview.caption);
        emit preview_ready();
      },
      [this](const QString& message) { preview_caption_->setText(message); });
}

void DataPage::publish_config() {
  nlohmann::json config = nlohmann::json::parse(session_->data_config().toStdString());
  if (data::is_segmentation_format(format_->currentText().toStdString())) return;
  config["format"] = format_->currentText().toStdString();
  config["path"] = path_->text().trimmed().toStdString();
  config["val_percent"] = val_percent_->value();
  config["train_limit"] = train_limit_->value();
  config["test_limit"] = test_limit_->value();
  // The measured statistics normalise the model's input, when they describe its channels.
  if (!overview_.mean.empty() && static_cast<int>(overview_.mean.size()) == overview_.channels) {
    config["mean"] = overview_.mean;
    config["std"] = overview_.std;
  }
  session_->set_data_config(QString::fromStdString(config.dump()));
}

}  // namespace binvit::ui
