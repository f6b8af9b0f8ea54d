#pragma once
// The Model page: pick a family and preset, edit its hyperparameters (validated as you type, the
// message names the field), and read the per-layer summary the binary-network papers report:
// parameters, bit widths, FLOPs, BOPs, OPs = FLOPs + BOPs / 64, float and packed bytes; totals.

#include "ui/pages/page.h"

#include <QString>

class QComboBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace binvit::ui {

class StudioSession;

class ModelPage : public Page {
  Q_OBJECT

 public:
  explicit ModelPage(StudioSession* session, QWidget* parent = nullptr);

  QString title() const override;
  QString summary() const override;
  QIcon icon() const override;

  // Selects a preset by name ("demo" is the Fashion-MNIST default); false when unknown.
  bool select_preset(const QString& name);
  // Sets one hyperparameter as the table would (value as JSON text); false when the key is not a
  // field of the current configuration.
  bool set_field(const QString& key, const QString& value);
  QString validation_message() const;
  int summary_rows() const;

 signals:
  // After every (re)computed summary: valid or not.
  void summary_ready(bool valid);

 private:
  void load_preset(int index);
  void fill_fields();
  void schedule_summary();
  void compute_summary();
  QString current_config() const;

  StudioSession* session_;
  QComboBox* preset_ = nullptr;
  QLabel* description_ = nullptr;
  QTableWidget* fields_ = nullptr;
  QLabel* validation_ = nullptr;
  QTableWidget* layers_ = nullptr;
  QLabel* totals_ = nullptr;
  QTimer* debounce_ = nullptr;
  QString config_;  // the preset's JSON with the edits applied
  bool filling_ = false;
  int generation_ = 0;  // drops summaries of configurations edited since
};

}  // namespace binvit::ui
