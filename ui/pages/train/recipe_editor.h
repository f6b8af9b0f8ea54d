#pragma once
// The recipe half of the Train page: which recipe (GSB two-stage, single model, BHViT), the
// epochs and learning rate of every stage, distillation and BHViT loss settings, and a preview of
// the learning-rate schedule the run will follow. It turns the form, the session's data and model
// into one validated train::TrainConfig (as JSON); an invalid value gives a message naming the
// field.

#include <QString>
#include <QStringList>
#include <QWidget>

#include <nlohmann/json_fwd.hpp>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace binvit::ui {

class StudioSession;

class RecipeEditor : public QWidget {
  Q_OBJECT

 public:
  explicit RecipeEditor(StudioSession* session, QWidget* parent = nullptr);

  // The validated configuration, or empty with *error set (the message names the field).
  QString config_json(QString* error) const;
  void set_recipe(const QString& recipe);
  // Epochs of a stage: "teacher", "stage1", "stage2", "single".
  void set_epochs(const QString& stage, int epochs);
  void set_batch_size(int batch_size);
  void set_log_every(int steps);
  void set_threads(int threads);
  // Schedule preview points (0 before a valid configuration).
  int preview_points() const;

 signals:
  void changed();

 private:
  // The editor's values over the demo configuration, not yet validated (throws on a model or
  // data text that is not JSON).
  nlohmann::json assembled_config() const;
  void update_visibility();
  void update_preview();

  StudioSession* session_;
  QComboBox* recipe_ = nullptr;
  QSpinBox* teacher_epochs_ = nullptr;
  QSpinBox* stage1_epochs_ = nullptr;
  QSpinBox* stage2_epochs_ = nullptr;
  QSpinBox* single_epochs_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QDoubleSpinBox* warmup_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* patience_ = nullptr;
  QSpinBox* log_every_ = nullptr;
  QComboBox* augment_ = nullptr;
  QDoubleSpinBox* distillation_ = nullptr;
  QLineEdit* teacher_checkpoint_ = nullptr;
  QComboBox* teacher_preset_ = nullptr;
  QDoubleSpinBox* lambda_ = nullptr;
  QDoubleSpinBox* beta_ = nullptr;
  QComboBox* kd_ = nullptr;
  QDoubleSpinBox* temperature_ = nullptr;
  QDoubleSpinBox* regularizer_fraction_ = nullptr;
  QCheckBox* released_ = nullptr;
  QWidget* gsb_box_ = nullptr;
  QWidget* bhvit_box_ = nullptr;
  QLabel* validation_ = nullptr;
  QCustomPlot* schedule_ = nullptr;
  int threads_ = 1;
  int preview_points_ = 0;
};

}  // namespace binvit::ui
