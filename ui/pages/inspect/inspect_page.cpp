#include "ui/pages/inspect/inspect_page.h"

#include "core/data/dataset_factory.h"
#include "core/data/image_file.h"
#include "core/inspect/attention_views.h"
#include "core/inspect/model_inspector.h"
#include "core/inspect/segmentation_inspector.h"
#include "ui/pages/inspect/segmentation_view.h"
#include "ui/studio_session.h"
#include "ui/widgets/map_rendering.h"
#include "ui/widgets/mat_image.h"
#include "ui/widgets/message_box.h"
#include "ui/widgets/plot_style.h"
#include "ui/workers/background_task.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

namespace binvit::ui {

struct InspectionPair {
  inspect::InspectionResult student;
  std::optional<inspect::InspectionResult> teacher;
  QImage input;
};

namespace {

constexpr int kMapSize = 180;
constexpr int kColorbarWidth = 58;
constexpr int kTileSize = 72;

// The chosen dataset's evaluation split, from the session's data config (JSON).
data::DatasetSpec test_split_of(const std::string& config) {
  const nlohmann::json chosen = nlohmann::json::parse(config);
  data::DatasetSpec spec;
  spec.format = chosen.value("format", std::string("fashion-mnist"));
  spec.path = chosen.value("path", std::string());
  spec.split = data::Split::kTest;
  return spec;
}

void check_sample_index(int index, size_t size, const char* what) {
  if (index < 0 || static_cast<size_t>(index) >= size) {
    throw std::invalid_argument("sample " + std::to_string(index) + " is beyond the " +
                                std::to_string(size) + " " + what);
  }
}

struct LoadedModels {
  std::shared_ptr<inspect::ModelInspector> student;
  std::shared_ptr<inspect::ModelInspector> teacher;
  std::shared_ptr<inspect::SegmentationInspector> segmenter;
  QString description;
};

QString scales_text(const std::vector<float>& scales) {
  QStringList parts;
  for (const float s : scales) parts << QString::number(s, 'g', 4);
  return parts.join(QStringLiteral(", "));
}

void fill_top5(QTableWidget* table, const inspect::InspectionResult* result) {
  table->setRowCount(0);
  if (result == nullptr) return;
  for (const inspect::Prediction& p : result->top) {
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(p.name)));
    table->setItem(
        row, 1, new QTableWidgetItem(QStringLiteral("%1 %").arg(100.0 * p.probability, 0, 'f', 2)));
  }
}

QTableWidget* top5_table(const QString& name) {
  auto* table = new QTableWidget(0, 2);
  table->setObjectName(name);
  table->setHorizontalHeaderLabels({InspectPage::tr("Class"), InspectPage::tr("Probability")});
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
  table->setMaximumHeight(6 * (table->fontMetrics().height() + 6) + 8);
  table->setMinimumWidth(200);
  return table;
}

QLabel* map_label(const QString& name) {
  auto* label = new QLabel;
  label->setObjectName(name);
  label->setFixedSize(kMapSize + kColorbarWidth, kMapSize);
  label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  return label;
}

// The map image with its colorbar to the right.
QPixmap map_with_colorbar(const QImage& map, ColorMap colors, double lo, double hi) {
  QImage canvas(kMapSize + kColorbarWidth, kMapSize, QImage::Format_ARGB32);
  canvas.fill(Qt::transparent);
  QPainter painter(&canvas);
  painter.drawImage(0, 0, map);
  painter.drawImage(kMapSize + 2, 0, colorbar(colors, lo, hi, kMapSize));
  return QPixmap::fromImage(canvas);
}

}  // namespace

InspectPage::InspectPage(StudioSession* session, QWidget* parent)
    : Page(parent), session_(session) {
  setObjectName(QStringLiteral("inspectPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("Look inside a trained model: what every layer and head attends to, the binary maps GSB "
         "and BHViT build, and the float teacher next to the binary student."));
  layout->addWidget(create_source_bar());
  tabs_ = new QTabWidget;
  tabs_->setObjectName(QStringLiteral("inspectTabs"));
  tabs_->addTab(create_attention_tab(), tr("Attention"));
  tabs_->addTab(create_internals_tab(), tr("Binarization internals"));
  segmentation_view_ = new SegmentationView;
  tabs_->addTab(segmentation_view_, tr("Segmentation"));
  layout->addWidget(tabs_, 1);
  connect(session_, &StudioSession::checkpoint_changed, this, [this](const QString& path) {
    if (!busy_) source_->setText(path);
  });
  connect(session_, &StudioSession::run_folder_changed, this, [this](const QString& folder) {
    if (!busy_ && session_->checkpoint().isEmpty()) source_->setText(folder);
  });
}

InspectPage::~InspectPage() { QThreadPool::globalInstance()->waitForDone(); }

QString InspectPage::title() const { return tr("Inspect"); }

QString InspectPage::summary() const {
  return tr("See attention maps, binary masks and scales, teacher next to student");
}

QIcon InspectPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-inspect.svg")); }

QWidget* InspectPage::create_source_bar() {
  source_ = new QLineEdit;
  source_->setObjectName(QStringLiteral("inspectSource"));
  source_->setPlaceholderText(tr("a checkpoint (.pt) or a run folder (student and teacher)"));
  source_->setToolTip(tr("A run folder loads its binary student and its float teacher"));
  auto* browse = new QPushButton(tr("Browse..."));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Checkpoint"), source_->text(),
                                                      tr("Checkpoints (*.pt)"));
    if (!file.isEmpty()) source_->setText(file);
  });
  auto* load = new QPushButton(tr("Load"));
  load->setObjectName(QStringLiteral("inspectLoad"));
  connect(load, &QPushButton::clicked, this, [this] { load_models(source_->text().trimmed()); });
  sample_ = new QSpinBox;
  sample_->setObjectName(QStringLiteral("inspectSample"));
  sample_->setRange(0, 10000000);
  sample_->setToolTip(tr("Item of the evaluation part of the dataset chosen on the Data page"));
  auto* run_sample = new QPushButton(tr("Inspect sample"));
  run_sample->setObjectName(QStringLiteral("inspectRunSample"));
  connect(run_sample, &QPushButton::clicked, this, [this] { inspect_sample(sample_->value()); });
  auto* open_image = new QPushButton(tr("Open image..."));
  connect(open_image, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Image"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp *.ppm *.pgm)"));
    if (!file.isEmpty()) inspect_file(file);
  });
  model_info_ = new QLabel(tr("No model loaded."));
  model_info_->setObjectName(QStringLiteral("inspectModelInfo"));
  model_info_->setWordWrap(true);

  auto* bar = new QWidget;
  auto* layout = new QVBoxLayout(bar);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Model")));
  row->addWidget(source_, 1);
  row->addWidget(browse);
  row->addWidget(load);
  row->addSpacing(16);
  row->addWidget(new QLabel(tr("Sample")));
  row->addWidget(sample_);
  row->addWidget(run_sample);
  row->addWidget(open_image);
  layout->addLayout(row);
  layout->addWidget(model_info_);
  return bar;
}

QWidget* InspectPage::create_attention_tab() {
  student_top_ = top5_table(QStringLiteral("studentTop5"));
  teacher_top_ = top5_table(QStringLiteral("teacherTop5"));
  layer_ = new QComboBox;
  layer_->setObjectName(QStringLiteral("inspectLayer"));
  head_ = new QComboBox;
  head_->setObjectName(QStringLiteral("inspectHead"));
  map_kind_ = new QComboBox;
  map_kind_->setObjectName(QStringLiteral("inspectMapKind"));
  map_kind_->setToolTip(
      tr("Which map: softmax probabilities, the quantized attention, its binary "
         "components, QD maps, or the rollout over all layers"));
  row_kind_ = new QComboBox;
  row_kind_->setObjectName(QStringLiteral("inspectRowKind"));
  row_kind_->setToolTip(tr("Whose attention row: the class token's, or the patch you click"));
  color_map_ = new QComboBox;
  color_map_->addItems(color_map_names());
  color_map_->setToolTip(
      tr("Colour map of the maps (the difference always uses the diverging map)"));
  alpha_ = new QSlider(Qt::Horizontal);
  alpha_->setRange(0, 100);
  alpha_->setValue(70);
  alpha_->setMaximumWidth(120);
  alpha_->setToolTip(tr("Opacity of the map over the image"));
  mass_ = new QSpinBox;
  mass_->setObjectName(QStringLiteral("inspectMass"));
  mass_->setRange(0, 100);
  mass_->setSuffix(QStringLiteral(" %"));
  mass_->setSpecialValueText(tr("off"));
  mass_->setToolTip(tr("Keep only the fewest patches holding this share of the row's attention"));
  for (QComboBox* box : {layer_, head_, map_kind_, row_kind_, color_map_}) {
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(box, &QComboBox::currentIndexChanged, this, &InspectPage::redraw_maps);
  }
  connect(alpha_, &QSlider::valueChanged, this, &InspectPage::redraw_maps);
  connect(mass_, &QSpinBox::valueChanged, this, &InspectPage::redraw_maps);

  student_map_ = map_label(QStringLiteral("studentMap"));
  student_map_->setToolTip(tr("Click a patch to see what it attends to"));
  student_map_->installEventFilter(this);
  teacher_map_ = map_label(QStringLiteral("teacherMap"));
  difference_map_ = map_label(QStringLiteral("differenceMap"));
  map_caption_ = new QLabel;
  map_caption_->setObjectName(QStringLiteral("mapCaption"));
  map_caption_->setWordWrap(true);
  grid_ = new QListWidget;
  grid_->setObjectName(QStringLiteral("attentionGrid"));
  grid_->setViewMode(QListView::IconMode);
  grid_->setIconSize(QSize(kTileSize, kTileSize));
  grid_->setResizeMode(QListView::Adjust);
  grid_->setMovement(QListView::Static);
  grid_->setToolTip(tr("Every layer and head; click one to enlarge it"));
  connect(grid_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    layer_->setCurrentIndex(item->data(Qt::UserRole).toInt());
    head_->setCurrentIndex(item->data(Qt::UserRole + 1).toInt());
  });

  auto* controls = new QHBoxLayout;
  for (auto [label, widget] : {std::pair<QString, QWidget*>{tr("Layer"), layer_},
                               {tr("Head"), head_},
                               {tr("Map"), map_kind_},
                               {tr("Row"), row_kind_},
                               {tr("Colours"), color_map_},
                               {tr("Alpha"), alpha_},
                               {tr("Mass mask"), mass_}}) {
    controls->addWidget(new QLabel(label));
    controls->addWidget(widget);
  }
  controls->addStretch();
  auto* predictions = new QVBoxLayout;
  auto* student_box = new QGroupBox(tr("Binary student: top-5"));
  (new QVBoxLayout(student_box))->addWidget(student_top_);
  auto* teacher_box = new QGroupBox(tr("Float teacher: top-5"));
  (new QVBoxLayout(teacher_box))->addWidget(teacher_top_);
  predictions->addWidget(student_box);
  predictions->addWidget(teacher_box);
  auto* maps = new QGridLayout;
  maps->addWidget(new QLabel(tr("Student")), 0, 0);
  maps->addWidget(new QLabel(tr("Teacher")), 0, 1);
  maps->addWidget(new QLabel(tr("Student - teacher")), 0, 2);
  maps->addWidget(student_map_, 1, 0);
  maps->addWidget(teacher_map_, 1, 1);
  maps->addWidget(difference_map_, 1, 2);

  auto* top = new QWidget;
  auto* top_layout = new QVBoxLayout(top);
  top_layout->setContentsMargins(0, 0, 0, 0);
  top_layout->addLayout(controls);
  auto* views = new QHBoxLayout;
  views->addLayout(predictions);
  auto* map_column = new QVBoxLayout;
  map_column->addLayout(maps);
  map_column->addWidget(map_caption_);
  map_column->addStretch();
  views->addLayout(map_column, 1);
  top_layout->addLayout(views);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->setObjectName(QStringLiteral("inspectSplitter"));
  splitter->addWidget(top);
  splitter->addWidget(grid_);
  return splitter;
}

QWidget* InspectPage::create_internals_tab() {
  scales_ = new QTableWidget(0, 3);
  scales_->setObjectName(QStringLiteral("scalesTable"));
  scales_->setHorizontalHeaderLabels(
      {tr("Attention layer"), tr("Attention scales"), tr("Value scales")});
  scales_->horizontalHeader()->setStretchLastSection(true);
  scales_->verticalHeader()->hide();
  scales_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  shares_ = new QCustomPlot;
  shares_->setObjectName(QStringLiteral("plusOneShares"));
  shares_->setMinimumHeight(180);
  style_plot(shares_);
  histogram_layer_ = new QComboBox;
  histogram_layer_->setObjectName(QStringLiteral("histogramLayer"));
  connect(histogram_layer_, &QComboBox::currentIndexChanged, this, &InspectPage::show_histogram);
  histogram_ = new QCustomPlot;
  histogram_->setObjectName(QStringLiteral("weightHistogram"));
  histogram_->setMinimumHeight(160);
  style_plot(histogram_);
  auto* compare = new QPushButton(tr("Sign flips since checkpoint..."));
  compare->setToolTip(tr("How many binarized weights changed sign from an earlier checkpoint"));
  connect(compare, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Earlier checkpoint"), QString(),
                                                      tr("Checkpoints (*.pt)"));
    if (!file.isEmpty()) compare_with(file);
  });
  flips_ = new QLabel;
  flips_->setObjectName(QStringLiteral("signFlips"));
  flips_->setWordWrap(true);
  notes_ = new QLabel;
  notes_->setWordWrap(true);

  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(scales_, 1);
  layout->addWidget(new QLabel(tr("Share of +1 per binary layer (activations, weights)")));
  layout->addWidget(shares_, 1);
  auto* histogram_row = new QHBoxLayout;
  histogram_row->addWidget(new QLabel(tr("Latent weights of")));
  histogram_row->addWidget(histogram_layer_, 1);
  histogram_row->addWidget(compare);
  layout->addLayout(histogram_row);
  layout->addWidget(histogram_, 1);
  layout->addWidget(flips_);
  layout->addWidget(notes_);
  return page;
}

void InspectPage::fail(const QString& title, const QString& message) {
  busy_ = false;
  emit session_->log(QStringLiteral("%1: %2").arg(title, message));
  show_message_box(this, QMessageBox::Warning, title, message,
                   QStringLiteral("inspectErrorDialog"));
}

bool InspectPage::queue_if_busy(std::function<void()> request) {
  if (!busy_) return false;
  pending_.push_back(std::move(request));
  return true;
}

void InspectPage::run_next_request() {
  if (busy_ || pending_.empty()) return;
  std::function<void()> next = std::move(pending_.front());
  pending_.pop_front();
  next();
}

void InspectPage::load_models(const QString& checkpoint_or_run) {
  if (queue_if_busy([this, checkpoint_or_run] { load_models(checkpoint_or_run); })) return;
  if (checkpoint_or_run.isEmpty()) {
    fail(tr("Inspect"), tr("Choose a checkpoint or run folder first."));
    emit models_loaded(false);
    return;
  }
  busy_ = true;
  source_->setText(checkpoint_or_run);
  model_info_->setText(tr("Loading %1 ...").arg(checkpoint_or_run));
  const std::filesystem::path path = checkpoint_or_run.toStdString();
  std::vector<std::string> names;
  for (const QString& name : session_->class_names()) names.push_back(name.toStdString());
  run_in_background<LoadedModels>(
      this,
      [path, names] {
        LoadedModels models;
        if (inspect::SegmentationInspector::holds_segmentation_model(path)) {
          models.segmenter = std::make_shared<inspect::SegmentationInspector>(
              inspect::SegmentationInspector::open(path));
          const inspect::SegmentationModelInfo& info = models.segmenter->info();
          models.description = tr("Segmentation model: %1, from %2.")
                                   .arg(QString::fromStdString(info.model_name),
                                        QString::fromStdString(info.checkpoint.string()));
          for (const std::string& note : info.notes) {
            models.description += QStringLiteral(" ") + QString::fromStdString(note) + ".";
          }
          return models;
        }
        models.student =
            std::make_shared<inspect::ModelInspector>(inspect::ModelInspector::open(path));
        if (std::filesystem::is_directory(path)) {
          const inspect::RunCheckpoints run = inspect::find_run_checkpoints(path);
          if (!run.teacher.empty()) {
            models.teacher = std::make_shared<inspect::ModelInspector>(
                inspect::ModelInspector::from_checkpoint(run.teacher));
          }
        }
        for (const auto& model : {models.student, models.teacher}) {
          if (!model || !model->info().class_names.empty() || names.empty()) continue;
          try {
            model->set_class_names(names);
          } catch (const std::invalid_argument&) {
            // Another dataset's classes: the model keeps its own names.
          }
        }
        const inspect::ModelInfo& info = models.student->info();
        models.description =
            tr("Student: %1 (%2 attention layers, %3), from %4. Teacher: %5.")
                .arg(QString::fromStdString(info.model_name))
                .arg(info.attention_layers)
                .arg(info.binary ? tr("binary") : tr("float"))
                .arg(QString::fromStdString(info.checkpoint.string()))
                .arg(models.teacher ? QString::fromStdString(models.teacher->info().model_name)
                                    : tr("none (a run folder with a teacher stage shows one)"));
        return models;
      },
      [this](const LoadedModels& models) {
        busy_ = false;
        student_ = models.student;
        teacher_ = models.teacher;
        segmenter_ = models.segmenter;
        run_dataset_ = segmenter_ ? segmenter_->info().dataset_json : student_->info().dataset_json;
        model_info_->setText(models.description);
        emit session_->log(models.description);
        segmentation_view_->clear();
        if (segmenter_) {
          histogram_layer_->clear();
          tabs_->setCurrentWidget(segmentation_view_);
          emit models_loaded(true);
          run_next_request();
          return;
        }
        histogram_layer_->blockSignals(true);
        histogram_layer_->clear();
        for (const inspect::BinaryLayerInfo& layer : student_->binary_layers()) {
          if (layer.binary_weights) histogram_layer_->addItem(QString::fromStdString(layer.name));
        }
        histogram_layer_->blockSignals(false);
        emit models_loaded(true);
        show_histogram();
        run_next_request();
      },
      [this](const QString& message) {
        model_info_->setText(tr("No model loaded."));
        fail(tr("Cannot load the model"), message);
        emit models_loaded(false);
        run_next_request();
      });
}

std::string InspectPage::sample_source() const {
  return run_dataset_.empty() ? session_->data_config().toStdString() : run_dataset_;
}

bool InspectPage::has_teacher() const { return teacher_ != nullptr; }

void InspectPage::inspect_sample(int index) {
  // Queued whole: which model (classifier or segmentation) runs is known once loading is done.
  if (queue_if_busy([this, index] { inspect_sample(index); })) return;
  const std::string config = sample_source();
  if (segmenter_) {
    run_segmentation(
        [config, index] {
          const auto dataset = data::open_segmentation_dataset(test_split_of(config));
          check_sample_index(index, dataset->size(), "image/mask pairs");
          const data::SegmentationSample sample = dataset->get(static_cast<size_t>(index));
          return std::make_pair(sample.image, sample.mask);
        },
        tr("sample %1").arg(index));
    return;
  }
  run_inspection(
      [config, index] {
        const auto dataset = data::open_dataset(test_split_of(config));
        check_sample_index(index, dataset->size(), "evaluation images");
        return dataset->get(static_cast<size_t>(index)).image;
      },
      tr("sample %1").arg(index));
}

void InspectPage::inspect_file(const QString& image_file) {
  if (queue_if_busy([this, image_file] { inspect_file(image_file); })) return;
  const std::filesystem::path path = image_file.toStdString();
  if (segmenter_) {
    run_segmentation([path] { return std::make_pair(data::read_image(path), cv::Mat()); },
                     image_file);
    return;
  }
  run_inspection([path] { return data::read_image(path); }, image_file);
}

void InspectPage::run_inspection(std::function<cv::Mat()> load_image, const QString& what) {
  if (queue_if_busy([this, load_image, what] { run_inspection(load_image, what); })) return;
  if (!student_) {
    fail(tr("Inspect"), tr("Load a model first."));
    emit inspected(false);
    return;
  }
  busy_ = true;
  map_caption_->setText(tr("Running %1 ...").arg(what));
  auto student = student_;
  auto teacher = teacher_;
  run_in_background<std::shared_ptr<const InspectionPair>>(
      this,
      [student, teacher, load_image] {
        const cv::Mat image = load_image();
        auto pair = std::make_shared<InspectionPair>();
        pair->student = student->inspect(image);
        if (teacher) pair->teacher = teacher->inspect(image);
        pair->input = to_qimage_rgb(pair->student.model_input);
        return std::shared_ptr<const InspectionPair>(pair);
      },
      [this](const std::shared_ptr<const InspectionPair>& pair) {
        busy_ = false;
        result_ = pair;
        show_result();
        emit inspected(true);
        run_next_request();
      },
      [this](const QString& message) {
        fail(tr("Cannot inspect the image"), message);
        emit inspected(false);
        run_next_request();
      });
}

void InspectPage::run_segmentation(std::function<std::pair<cv::Mat, cv::Mat>()> load_pair,
                                   const QString& what) {
  if (queue_if_busy([this, load_pair, what] { run_segmentation(load_pair, what); })) return;
  busy_ = true;
  auto segmenter = segmenter_;
  using Result = std::shared_ptr<const inspect::SegmentationInspection>;
  run_in_background<Result>(
      this,
      [segmenter, load_pair] {
        const auto [image, mask] = load_pair();
        return Result(
            std::make_shared<inspect::SegmentationInspection>(segmenter->inspect(image, mask)));
      },
      [this, segmenter, what](const Result& result) {
        busy_ = false;
        segmentation_view_->show_result(*result, segmenter->info().class_names, what);
        tabs_->setCurrentWidget(segmentation_view_);
        emit inspected(true);
        run_next_request();
      },
      [this](const QString& message) {
        fail(tr("Cannot segment the image"), message);
        emit inspected(false);
        run_next_request();
      });
}

void InspectPage::show_result() {
  const inspect::InspectionResult& s = result_->student;
  fill_top5(student_top_, &s);
  fill_top5(teacher_top_, result_->teacher ? &*result_->teacher : nullptr);
  for (QComboBox* box : {layer_, head_, map_kind_, row_kind_}) box->blockSignals(true);
  layer_->clear();
  for (size_t i = 0; i < s.attention.size(); ++i) {
    layer_->addItem(tr("%1: %2").arg(i + 1).arg(QString::fromStdString(s.attention[i].name)));
  }
  const int heads = s.attention.empty() ? 0 : s.attention.front().layout.heads;
  head_->clear();
  head_->addItem(tr("mean"), inspect::kHeadMean);
  for (int h = 0; h < heads; ++h) head_->addItem(QString::number(h + 1), h);
  map_kind_->clear();
  map_kind_->addItem(tr("attention probabilities"), QStringLiteral("p"));
  if (!s.attention.empty()) {
    const inspect::AttentionLayer& first = s.attention.front();
    if (!first.quantized.empty())
      map_kind_->addItem(tr("quantized attention"), QStringLiteral("q"));
    if (!first.base_map.empty()) map_kind_->addItem(tr("GSB base map"), QStringLiteral("base"));
    for (size_t k = 0; k < first.attention_masks.size(); ++k) {
      map_kind_->addItem(tr("GSB M%1").arg(k + 2), QStringLiteral("m:%1").arg(k));
    }
    for (size_t k = 0; k < first.qd_maps.size(); ++k) {
      map_kind_->addItem(tr("QD map %1").arg(k + 1), QStringLiteral("qd:%1").arg(k));
    }
  }
  if (!s.rollout.empty()) map_kind_->addItem(tr("rollout (all layers)"), QStringLiteral("rollout"));
  row_kind_->clear();
  const bool class_token = !s.attention.empty() && s.attention.front().layout.prefix_tokens > 0;
  if (class_token) row_kind_->addItem(tr("class token"), QStringLiteral("class"));
  row_kind_->addItem(tr("selected patch"), QStringLiteral("patch"));
  for (QComboBox* box : {layer_, head_, map_kind_, row_kind_}) box->blockSignals(false);
  QStringList notes;
  for (const auto& note : s.notes) notes << QString::fromStdString(note);
  notes_->setText(notes.join(QLatin1Char(' ')));
  redraw_maps();
  show_internals();
}

bool InspectPage::selected_map(const inspect::InspectionResult& result, int layer, int head,
                               std::vector<float>* values, int* height, int* width) const {
  const QString kind = map_kind_->currentData().toString();
  const std::vector<float>* maps = nullptr;
  inspect::AttentionLayout layout;
  if (kind == QLatin1String("rollout")) {
    if (result.rollout.empty()) return false;
    maps = &result.rollout;
    layout = result.rollout_layout;
    head = 0;
  } else {
    if (layer < 0 || layer >= static_cast<int>(result.attention.size())) return false;
    const inspect::AttentionLayer& a = result.attention[static_cast<size_t>(layer)];
    layout = a.layout;
    if (head >= layout.heads) return false;
    if (kind == QLatin1String("p")) maps = &a.probabilities;
    if (kind == QLatin1String("q")) maps = &a.quantized;
    if (kind == QLatin1String("base")) maps = &a.base_map;
    const int k = kind.section(QLatin1Char(':'), 1).toInt();
    if (kind.startsWith(QLatin1String("m:")) && k < static_cast<int>(a.attention_masks.size())) {
      maps = &a.attention_masks[static_cast<size_t>(k)];
    }
    if (kind.startsWith(QLatin1String("qd:")) && k < static_cast<int>(a.qd_maps.size())) {
      maps = &a.qd_maps[static_cast<size_t>(k)];
    }
  }
  if (maps == nullptr || maps->empty()) return false;
  const bool class_row =
      row_kind_->currentData().toString() == QLatin1String("class") && layout.prefix_tokens > 0;
  const int row = std::min(query_row_, layout.grid_h - 1);
  const int col = std::min(query_col_, layout.grid_w - 1);
  inspect::GridMap view = class_row ? inspect::class_token_view(*maps, layout, head)
                                    : inspect::query_view(*maps, layout, head, row, col);
  if (mass_->value() > 0) {
    const inspect::GridMap mask = inspect::mass_threshold_mask(view, mass_->value() / 100.0);
    for (size_t i = 0; i < view.values.size(); ++i) view.values[i] *= mask.values[i];
  }
  *values = std::move(view.values);
  *height = view.height;
  *width = view.width;
  return true;
}

void InspectPage::redraw_maps() {
  grid_->clear();
  if (!result_) return;
  const auto colors = static_cast<ColorMap>(color_map_->currentIndex());
  const double alpha = alpha_->value() / 100.0;
  const int layer = layer_->currentIndex();
  const int head = head_->currentData().toInt();
  std::vector<float> student;
  std::vector<float> teacher;
  int h = 0;
  int w = 0;
  int th = 0;
  int tw = 0;
  const bool has_student = selected_map(result_->student, layer, head, &student, &h, &w);
  const bool has_teacher = result_->teacher &&
                           selected_map(*result_->teacher, layer, head, &teacher, &th, &tw) &&
                           th == h && tw == w;
  const auto draw = [&](QLabel* label, const std::vector<float>& values, ColorMap map) {
    if (values.empty()) {
      label->setText(tr("(not available)"));
      return;
    }
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    double low = *lo;
    double high = *hi;
    if (map == ColorMap::Diverging) {
      high = std::max(std::abs(low), std::abs(high));
      low = -high;
    }
    const QImage heat = colorize(values, h, w, map, low, high == low ? low + 1 : high);
    label->setPixmap(map_with_colorbar(
        overlay(result_->input, heat, alpha, QSize(kMapSize, kMapSize)), map, low, high));
  };
  draw(student_map_, has_student ? student : std::vector<float>{}, colors);
  draw(teacher_map_, has_teacher ? teacher : std::vector<float>{}, colors);
  std::vector<float> difference;
  if (has_student && has_teacher) {
    difference.resize(student.size());
    for (size_t i = 0; i < student.size(); ++i) difference[i] = student[i] - teacher[i];
  }
  draw(difference_map_, difference, ColorMap::Diverging);
  map_caption_->setText(
      tr("Layer %1, head %2, %3, row of the %4%5; map %6 x %7 on the %8 x %8 input.")
          .arg(layer + 1)
          .arg(head_->currentText(), map_kind_->currentText(),
               row_kind_->currentData().toString() == QLatin1String("class")
                   ? tr("class token")
                   : tr("patch (%1, %2)").arg(query_row_).arg(query_col_),
               mass_->value() > 0
                   ? tr(", smallest set holding %1 % of the mass").arg(mass_->value())
                   : QString())
          .arg(h)
          .arg(w)
          .arg(result_->input.width()));

  // Every layer and head as tiles.
  const inspect::InspectionResult& s = result_->student;
  for (size_t l = 0; l < s.attention.size(); ++l) {
    for (int hd = 0; hd < s.attention[l].layout.heads; ++hd) {
      std::vector<float> values;
      int th2 = 0;
      int tw2 = 0;
      if (!selected_map(s, static_cast<int>(l), hd, &values, &th2, &tw2)) continue;
      const QImage tile = overlay(result_->input, colorize(values, th2, tw2, colors), alpha,
                                  QSize(kTileSize, kTileSize));
      auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(tile)),
                                       tr("L%1 H%2").arg(l + 1).arg(hd + 1));
      item->setData(Qt::UserRole, static_cast<int>(l));
      item->setData(Qt::UserRole + 1, hd + 1);  // head combo: 0 is the mean
      grid_->addItem(item);
    }
  }
}

void InspectPage::show_internals() {
  const inspect::InspectionResult& s = result_->student;
  scales_->setRowCount(static_cast<int>(s.attention.size()));
  for (size_t i = 0; i < s.attention.size(); ++i) {
    const inspect::AttentionLayer& a = s.attention[i];
    scales_->setItem(static_cast<int>(i), 0, new QTableWidgetItem(QString::fromStdString(a.name)));
    scales_->setItem(static_cast<int>(i), 1, new QTableWidgetItem(scales_text(a.attention_scales)));
    scales_->setItem(static_cast<int>(i), 2, new QTableWidgetItem(scales_text(a.value_scales)));
  }
  shares_->clearPlottables();
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  QVector<double> keys;
  QVector<double> activations;
  QVector<double> weights;
  for (size_t i = 0; i < s.binary_layers.size(); ++i) {
    const inspect::BinaryLayerShares& layer = s.binary_layers[i];
    keys << static_cast<double>(i);
    activations << (std::isfinite(layer.activation_plus_one) ? 100 * layer.activation_plus_one : 0);
    weights << (std::isfinite(layer.weight_plus_one) ? 100 * layer.weight_plus_one : 0);
    ticker->addTick(static_cast<double>(i), QString::fromStdString(layer.layer));
  }
  auto* activation_bars = new QCPBars(shares_->xAxis, shares_->yAxis);
  activation_bars->setName(tr("activations"));
  activation_bars->setWidth(0.4);
  activation_bars->setBrush(series_color(0));
  activation_bars->setPen(Qt::NoPen);
  auto* weight_bars = new QCPBars(shares_->xAxis, shares_->yAxis);
  weight_bars->setName(tr("weights"));
  weight_bars->setWidth(0.4);
  weight_bars->setBrush(series_color(1));
  weight_bars->setPen(Qt::NoPen);
  QVector<double> shifted;
  for (const double k : keys) shifted << k + 0.4;
  activation_bars->setData(keys, activations);
  weight_bars->setData(shifted, weights);
  shares_->xAxis->setTicker(ticker);
  shares_->xAxis->setTickLabelRotation(60);
  shares_->yAxis->setLabel(tr("% +1"));
  shares_->yAxis->setRange(0, 100);
  shares_->xAxis->setRange(-0.6, keys.size() + 0.2);
  shares_->legend->setVisible(true);
  style_plot(shares_);
  shares_->replot(QCustomPlot::rpQueuedReplot);
}

void InspectPage::show_histogram() {
  if (queue_if_busy([this] { show_histogram(); })) return;
  if (!student_ || histogram_layer_->currentIndex() < 0) return;
  busy_ = true;
  const std::string layer = histogram_layer_->currentText().toStdString();
  auto student = student_;
  run_in_background<inspect::WeightHistogram>(
      this, [student, layer] { return student->weight_histogram(layer); },
      [this](const inspect::WeightHistogram& histogram) {
        busy_ = false;
        histogram_->clearPlottables();
        auto* bars = new QCPBars(histogram_->xAxis, histogram_->yAxis);
        bars->setBrush(series_color(3));
        bars->setPen(Qt::NoPen);
        bars->setWidth(histogram.bin_width());
        QVector<double> keys;
        QVector<double> counts;
        for (size_t i = 0; i < histogram.counts.size(); ++i) {
          keys << histogram.lo + (static_cast<double>(i) + 0.5) * histogram.bin_width();
          counts << static_cast<double>(histogram.counts[i]);
        }
        bars->setData(keys, counts);
        histogram_->xAxis->setLabel(tr("latent weight (mean %1, std %2)")
                                        .arg(histogram.mean, 0, 'g', 3)
                                        .arg(histogram.stddev, 0, 'g', 3));
        histogram_->yAxis->setLabel(tr("weights"));
        histogram_->rescaleAxes();
        style_plot(histogram_);
        histogram_->replot(QCustomPlot::rpQueuedReplot);
        run_next_request();
      },
      [this](const QString& message) {
        busy_ = false;
        flips_->setText(message);
        run_next_request();
      });
}

void InspectPage::compare_with(const QString& checkpoint) {
  if (queue_if_busy([this, checkpoint] { compare_with(checkpoint); })) return;
  if (!student_) return;
  busy_ = true;
  const std::filesystem::path path = checkpoint.toStdString();
  auto student = student_;
  run_in_background<inspect::SignFlipReport>(
      this,
      [student, path] {
        const inspect::ModelInspector other = inspect::ModelInspector::from_checkpoint(path);
        return student->sign_flips_since(other);
      },
      [this, checkpoint](const inspect::SignFlipReport& report) {
        busy_ = false;
        QStringList worst;
        for (const inspect::LayerSignFlips& layer : report.layers) {
          if (layer.flipped > 0) {
            worst << QStringLiteral("%1 %2 %")
                         .arg(QString::fromStdString(layer.layer))
                         .arg(100.0 * layer.rate, 0, 'f', 3);
          }
        }
        flips_->setText(tr("Sign flips since %1: %2 of %3 binarized weights (%4 %). %5")
                            .arg(checkpoint)
                            .arg(report.flipped)
                            .arg(report.weights)
                            .arg(100.0 * report.rate, 0, 'f', 3)
                            .arg(worst.isEmpty()
                                     ? tr("No layer changed.")
                                     : tr("Per layer: %1").arg(worst.join(QStringLiteral(", ")))));
        emit flips_ready();
        run_next_request();
      },
      [this](const QString& message) {
        fail(tr("Cannot compare checkpoints"), message);
        emit flips_ready();
        run_next_request();
      });
}

bool InspectPage::eventFilter(QObject* watched, QEvent* event) {
  if (watched == student_map_ && event->type() == QEvent::MouseButtonPress && result_ &&
      !result_->student.attention.empty()) {
    const QPoint position = static_cast<QMouseEvent*>(event)->position().toPoint();
    const int layer = std::max(0, layer_->currentIndex());
    const inspect::AttentionLayout& layout =
        result_->student.attention[static_cast<size_t>(layer)].layout;
    if (position.x() < kMapSize && position.y() < kMapSize && layout.grid_h > 0) {
      select_patch(position.y() * layout.grid_h / kMapSize,
                   position.x() * layout.grid_w / kMapSize);
      return true;
    }
  }
  return Page::eventFilter(watched, event);
}

QString InspectPage::flip_text() const { return flips_->text(); }

int InspectPage::map_count() const { return grid_->count(); }

int InspectPage::layer_count() const {
  return result_ ? static_cast<int>(result_->student.attention.size()) : 0;
}

int InspectPage::head_count() const {
  return result_ && !result_->student.attention.empty()
             ? result_->student.attention.front().layout.heads
             : 0;
}

void InspectPage::select_patch(int row, int col) {
  query_row_ = std::max(0, row);
  query_col_ = std::max(0, col);
  const int patch = row_kind_->findData(QStringLiteral("patch"));
  if (patch >= 0 && row_kind_->currentIndex() != patch) {
    row_kind_->setCurrentIndex(patch);  // redraws
  } else {
    redraw_maps();
  }
}

QString InspectPage::top5_text() const {
  QStringList rows;
  for (int r = 0; r < student_top_->rowCount(); ++r) {
    rows << student_top_->item(r, 0)->text() + QLatin1Char(' ') + student_top_->item(r, 1)->text();
  }
  return rows.join(QStringLiteral("; "));
}

}  // namespace binvit::ui
