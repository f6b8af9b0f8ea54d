#include "ui/pages/train/recipe_editor.h"

#include "core/nn/models/model_registry.h"
#include "core/train/lr_schedule.h"
#include "core/train/train_config.h"
#include "ui/studio_session.h"
#include "ui/widgets/plot_style.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace binvit::ui {
namespace {

QSpinBox* spin_box(int minimum, int maximum, int value, const QString& tip) {
  auto* box = new QSpinBox;
  box->setRange(minimum, maximum);
  box->setValue(value);
  box->setToolTip(tip);
  return box;
}

QDoubleSpinBox* double_box(double minimum, double maximum, double value, int decimals, double step,
                           const QString& tip) {
  auto* box = new QDoubleSpinBox;
  box->setRange(minimum, maximum);
  box->setDecimals(decimals);
  box->setSingleStep(step);
  box->setValue(value);
  box->setToolTip(tip);
  return box;
}

// The data config's statistics must have one entry per model input channel: a grey dataset's
// single mean feeds all three channels of an RGB model, an RGB mean is averaged for a grey one.
void fit_statistics(nlohmann::json& data, int channels) {
  for (const char* key : {"mean", "std"}) {
    std::vector<double> values = data.value(key, std::vector<double>{});
    if (static_cast<int>(values.size()) == channels || values.empty()) continue;
    double sum = 0;
    for (const double v : values) sum += v;
    data[key] = std::vector<double>(static_cast<size_t>(channels), sum / values.size());
  }
}

}  // namespace

RecipeEditor::RecipeEditor(StudioSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
  const train::TrainConfig demo = train::demo_train_config();
  recipe_ = new QComboBox;
  recipe_->setObjectName(QStringLiteral("recipe"));
  recipe_->addItem(tr("GSB two-stage (teacher, stage 1, stage 2)"),
                   QStringLiteral("gsb-two-stage"));
  recipe_->addItem(tr("Single model (float, baseline or any variant)"), QStringLiteral("single"));
  recipe_->addItem(tr("BHViT (KD and weight-oscillation regulariser)"), QStringLiteral("bhvit"));
  recipe_->setToolTip(tr("What the run trains, stage by stage"));
  teacher_epochs_ = spin_box(1, 10000, static_cast<int>(demo.teacher.epochs),
                             tr("Epochs of the float teacher (stage 0)"));
  teacher_epochs_->setObjectName(QStringLiteral("teacherEpochs"));
  stage1_epochs_ = spin_box(1, 10000, static_cast<int>(demo.stage1.epochs),
                            tr("Epochs of stage 1 (binary MLP weights)"));
  stage1_epochs_->setObjectName(QStringLiteral("stage1Epochs"));
  stage2_epochs_ = spin_box(1, 10000, static_cast<int>(demo.stage2.epochs),
                            tr("Epochs of stage 2 (the full GSB model)"));
  stage2_epochs_->setObjectName(QStringLiteral("stage2Epochs"));
  single_epochs_ = spin_box(1, 10000, static_cast<int>(demo.single.epochs),
                            tr("Epochs of the single-model and BHViT recipes"));
  single_epochs_->setObjectName(QStringLiteral("singleEpochs"));
  lr_ = double_box(1e-6, 1.0, demo.stage2.lr_per_512, 6, 1e-4,
                   tr("Learning rate per 512 images of batch: lr = this x batch / 512"));
  warmup_ = double_box(0, 100, demo.stage2.warmup_epochs, 2, 0.25,
                       tr("Linear warmup, in epochs, before the cosine decay"));
  batch_ = spin_box(1, 4096, static_cast<int>(demo.batch_size), tr("Images per optimizer step"));
  batch_->setObjectName(QStringLiteral("batchSize"));
  seed_ = spin_box(0, 1 << 30, 0, tr("Seed of initialisation, shuffling and augmentation"));
  log_every_ = spin_box(1, 100000, static_cast<int>(demo.log_every),
                        tr("Steps between the loss records of the curves"));
  log_every_->setObjectName(QStringLiteral("logEvery"));
  patience_ = spin_box(0, 1000, 0,
                       tr("Stop a stage after this many evaluations without a better "
                          "top-1 (0: never)"));
  augment_ = new QComboBox;
  augment_->addItems({QStringLiteral("basic"), QStringLiteral("gsb"), QStringLiteral("none")});
  augment_->setToolTip(
      tr("basic: padded crop and flip; gsb: RandAugment and random erasing as in "
         "the paper; none"));
  distillation_ = double_box(0, 1, demo.distillation_weight, 2, 0.05,
                             tr("GSB: (1 - w) CE(class head) + w CE(distillation head, teacher's "
                                "argmax)"));
  teacher_checkpoint_ = new QLineEdit;
  teacher_checkpoint_->setPlaceholderText(tr("empty: train the teacher first"));
  teacher_checkpoint_->setToolTip(
      tr("A trained teacher (checkpoint or safetensors) skips stage 0"));
  teacher_preset_ = new QComboBox;
  teacher_preset_->setToolTip(tr("BHViT: the float teacher's architecture"));
  for (const nn::ModelPreset& preset : nn::model_presets()) {
    if (preset.name.rfind("deit-", 0) == 0)
      teacher_preset_->addItem(QString::fromStdString(preset.name));
  }
  lambda_ = double_box(0, 1, demo.bhvit.lambda, 3, 0.05, tr("Weight of the KD term"));
  beta_ = double_box(0, 1, demo.bhvit.beta, 4, 0.005, tr("Weight of the oscillation regulariser"));
  kd_ = new QComboBox;
  kd_->addItems({QStringLiteral("soft"), QStringLiteral("hard")});
  kd_->setToolTip(tr("Soft KD (KL at the temperature) or hard labels from the teacher"));
  temperature_ = double_box(0.1, 20, demo.bhvit.temperature, 2, 0.5, tr("KD temperature"));
  regularizer_fraction_ = double_box(0, 1, demo.bhvit.regularizer_fraction, 2, 0.05,
                                     tr("The regulariser is on for this last share of the epochs"));
  released_ = new QCheckBox(tr("As the released code (no CE, regulariser all along)"));

  auto* common = new QGroupBox(tr("Schedule"));
  auto* common_form = new QFormLayout(common);
  common_form->addRow(tr("Recipe"), recipe_);
  auto* epochs = new QGridLayout;
  int cell = 0;
  for (auto [label, box] :
       {std::pair{tr("teacher"), teacher_epochs_}, std::pair{tr("stage 1"), stage1_epochs_},
        std::pair{tr("stage 2"), stage2_epochs_}, std::pair{tr("single"), single_epochs_}}) {
    epochs->addWidget(new QLabel(label), cell / 2, 2 * (cell % 2));
    epochs->addWidget(box, cell / 2, 2 * (cell % 2) + 1);
    ++cell;
  }
  common_form->addRow(tr("Epochs"), epochs);
  common_form->addRow(tr("LR per 512"), lr_);
  common_form->addRow(tr("Warmup epochs"), warmup_);
  common_form->addRow(tr("Batch size"), batch_);
  common_form->addRow(tr("Seed"), seed_);
  common_form->addRow(tr("Early-stop patience"), patience_);
  common_form->addRow(tr("Log every (steps)"), log_every_);
  common_form->addRow(tr("Augmentation"), augment_);

  auto* gsb = new QGroupBox(tr("Distillation"));
  auto* gsb_form = new QFormLayout(gsb);
  gsb_form->addRow(tr("Distillation weight"), distillation_);
  gsb_form->addRow(tr("Teacher checkpoint"), teacher_checkpoint_);
  gsb_box_ = gsb;
  auto* bhvit = new QGroupBox(tr("BHViT loss"));
  auto* bhvit_form = new QFormLayout(bhvit);
  bhvit_form->addRow(tr("Teacher model"), teacher_preset_);
  bhvit_form->addRow(tr("lambda (KD)"), lambda_);
  bhvit_form->addRow(tr("beta (regulariser)"), beta_);
  bhvit_form->addRow(tr("KD"), kd_);
  bhvit_form->addRow(tr("Temperature"), temperature_);
  bhvit_form->addRow(tr("Regulariser phase"), regularizer_fraction_);
  bhvit_form->addRow(released_);
  bhvit_box_ = bhvit;

  validation_ = new QLabel;
  validation_->setObjectName(QStringLiteral("recipeValidation"));
  validation_->setWordWrap(true);
  schedule_ = new QCustomPlot;
  schedule_->setObjectName(QStringLiteral("schedulePreview"));
  schedule_->setMinimumHeight(130);
  schedule_->xAxis->setLabel(tr("step"));
  schedule_->yAxis->setLabel(tr("learning rate"));
  schedule_->setToolTip(tr("The learning rate of every optimizer step, stage after stage"));
  style_plot(schedule_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(common);
  layout->addWidget(gsb_box_);
  layout->addWidget(bhvit_box_);
  layout->addWidget(validation_);
  layout->addWidget(schedule_, 1);

  const auto notify = [this] {
    update_visibility();
    update_preview();
    emit changed();
  };
  connect(recipe_, &QComboBox::currentIndexChanged, this, notify);
  for (QSpinBox* box : {teacher_epochs_, stage1_epochs_, stage2_epochs_, single_epochs_, batch_,
                        seed_, patience_, log_every_}) {
    connect(box, &QSpinBox::valueChanged, this, notify);
  }
  for (QDoubleSpinBox* box :
       {lr_, warmup_, distillation_, lambda_, beta_, temperature_, regularizer_fraction_}) {
    connect(box, &QDoubleSpinBox::valueChanged, this, notify);
  }
  connect(teacher_checkpoint_, &QLineEdit::textChanged, this, notify);
  connect(session_, &StudioSession::data_config_changed, this, notify);
  connect(session_, &StudioSession::model_config_changed, this, notify);
  update_visibility();
  update_preview();
}

void RecipeEditor::set_recipe(const QString& recipe) {
  recipe_->setCurrentIndex(recipe_->findData(recipe));
}

void RecipeEditor::set_epochs(const QString& stage, int epochs) {
  if (stage == QLatin1String("teacher")) teacher_epochs_->setValue(epochs);
  if (stage == QLatin1String("stage1")) stage1_epochs_->setValue(epochs);
  if (stage == QLatin1String("stage2")) stage2_epochs_->setValue(epochs);
  if (stage == QLatin1String("single")) single_epochs_->setValue(epochs);
}

void RecipeEditor::set_batch_size(int batch_size) { batch_->setValue(batch_size); }

void RecipeEditor::set_log_every(int steps) { log_every_->setValue(steps); }

void RecipeEditor::set_threads(int threads) {
  threads_ = threads;
  emit changed();
}

int RecipeEditor::preview_points() const { return preview_points_; }

QString RecipeEditor::config_json(QString* error) const {
  try {
    return QString::fromStdString(
        train::to_json(train::train_config_from_json(assembled_config())).dump());
  } catch (const std::exception& failure) {
    if (error != nullptr) *error = QString::fromStdString(failure.what());
    return {};
  }
}

nlohmann::json RecipeEditor::assembled_config() const {
  nlohmann::json config = train::to_json(train::demo_train_config());
  const QString recipe = recipe_->currentData().toString();
  nlohmann::json model = nlohmann::json::parse(session_->model_config().toStdString());
  // The model's head has as many outputs as the dataset has classes.
  if (!session_->class_names().isEmpty() && model.contains("num_classes")) {
    model["num_classes"] = session_->class_names().size();
  }
  nlohmann::json data = nlohmann::json::parse(session_->data_config().toStdString());
  // The loader resizes every image to the model's input.
  data["image_size"] = model.value("image_size", 28);
  data["channels"] = model.value("in_channels", 1);
  fit_statistics(data, data["channels"].get<int>());
  data["augment"] = augment_->currentText().toStdString();
  config["recipe"] = recipe.toStdString();
  config["model"] = model;
  config["data"] = data;
  config["batch_size"] = batch_->value();
  config["seed"] = seed_->value();
  config["threads"] = threads_;
  config["log_every"] = log_every_->value();
  config["distillation_weight"] = distillation_->value();
  config["teacher_checkpoint"] = teacher_checkpoint_->text().trimmed().toStdString();
  const std::pair<const char*, QSpinBox*> stages[] = {{"teacher", teacher_epochs_},
                                                      {"stage1", stage1_epochs_},
                                                      {"stage2", stage2_epochs_},
                                                      {"single", single_epochs_}};
  for (const auto& [name, box] : stages) {
    nlohmann::json& stage = config["stages"][name];
    stage["epochs"] = box->value();
    stage["lr_per_512"] = lr_->value();
    stage["warmup_epochs"] = warmup_->value();
    stage["patience"] = patience_->value();
  }
  if (recipe == QLatin1String("bhvit")) {
    config["bhvit"] = {{"lambda", lambda_->value()},
                       {"beta", beta_->value()},
                       {"kd", kd_->currentText().toStdString()},
                       {"temperature", temperature_->value()},
                       {"regularizer_fraction", regularizer_fraction_->value()},
                       {"released", released_->isChecked()}};
    if (teacher_checkpoint_->text().trimmed().isEmpty()) {
      nlohmann::json teacher = nn::preset_config(teacher_preset_->currentText().toStdString());
      for (const char* key : {"image_size", "in_channels", "num_classes"}) {
        if (model.contains(key) && teacher.contains(key)) teacher[key] = model[key];
      }
      config["teacher_model"] = teacher;
    }
  }
  return config;
}

void RecipeEditor::update_visibility() {
  const QString recipe = recipe_->currentData().toString();
  const bool gsb = recipe == QLatin1String("gsb-two-stage");
  teacher_epochs_->setEnabled(gsb);
  stage1_epochs_->setEnabled(gsb);
  stage2_epochs_->setEnabled(gsb);
  single_epochs_->setEnabled(!gsb);
  gsb_box_->setVisible(recipe != QLatin1String("bhvit"));
  bhvit_box_->setVisible(recipe == QLatin1String("bhvit"));
}

void RecipeEditor::update_preview() {
  schedule_->clearGraphs();
  schedule_->clearItems();
  preview_points_ = 0;
  train::TrainConfig config;
  try {
    config = train::train_config_from_json(assembled_config());
  } catch (const std::exception& failure) {
    validation_->setStyleSheet(QStringLiteral("color: #c0392b"));
    validation_->setText(tr("Invalid: %1").arg(QString::fromStdString(failure.what())));
    schedule_->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  qint64 items = session_->train_items();
  if (config.data.train_limit > 0) {
    items = std::min<qint64>(items, static_cast<qint64>(config.data.train_limit));
  }
  if (config.data.val_percent > 0)
    items -= static_cast<qint64>(items * config.data.val_percent / 100);
  const auto batches = std::max<int64_t>(1, items / config.batch_size);  // drop-last
  validation_->setStyleSheet(QString());
  QStringList stage_names;
  for (const std::string& name : config.stage_names()) stage_names << QString::fromStdString(name);
  validation_->setText(tr("Valid. About %1 training images, %2 steps an epoch; stages: %3")
                           .arg(items)
                           .arg(batches)
                           .arg(stage_names.join(QStringLiteral(", "))));
  double offset = 0;
  int index = 0;
  for (const std::string& name : config.stage_names()) {
    const train::StageConfig& stage = config.stage(name);
    train::CosineSchedule schedule;
    schedule.base_lr = stage.lr_per_512 * static_cast<double>(config.batch_size) / 512.0;
    schedule.min_lr = stage.min_lr;
    schedule.total_steps = stage.epochs * batches;
    schedule.warmup_steps = static_cast<int64_t>(std::llround(stage.warmup_epochs * batches));
    QVector<double> xs;
    QVector<double> ys;
    const int64_t stride = std::max<int64_t>(1, schedule.total_steps / 400);  // enough for a curve
    for (int64_t step = 0; step < schedule.total_steps; step += stride) {
      xs << offset + step;
      ys << schedule.at(step);
    }
    QCPGraph* graph = schedule_->addGraph();
    graph->setName(QString::fromStdString(name));
    graph->setPen(QPen(series_color(index++), 1.6));
    graph->setData(xs, ys, true);
    preview_points_ += xs.size();
    offset += static_cast<double>(schedule.total_steps);
  }
  schedule_->rescaleAxes();
  schedule_->yAxis->setRangeLower(0);
  schedule_->legend->setVisible(true);
  style_plot(schedule_);
  schedule_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace binvit::ui
