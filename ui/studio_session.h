#pragma once
// What the pages share: the dataset and model the user chose, the run being trained or looked
// at, and the checkpoint picked for inspection and export. Pages read it and listen to its
// signals instead of knowing each other. Configurations travel as JSON text so that this header
// stays free of core (LibTorch) headers.

#include <QObject>
#include <QString>
#include <QStringList>

namespace binvit::ui {

class StudioSession : public QObject {
  Q_OBJECT

 public:
  explicit StudioSession(QObject* parent = nullptr);

  // A data::DataConfig as JSON (format, path, limits, split percent, augmentation).
  QString data_config() const { return data_config_; }
  // A model configuration as JSON (a resolved preset with the user's edits).
  QString model_config() const { return model_config_; }
  QString model_name() const { return model_name_; }
  // The run folder last started, resumed or picked in the runs table; empty: none.
  QString run_folder() const { return run_folder_; }
  // A checkpoint file (.pt) for Inspect and Export; empty: none.
  QString checkpoint() const { return checkpoint_; }

  // The classes and training-part size of the dataset last opened on the Data page (empty / 0
  // before any): the Train page sizes the model's head and the schedule preview with them.
  QStringList class_names() const { return class_names_; }
  qint64 train_items() const { return train_items_; }
  void set_dataset_facts(const QStringList& class_names, qint64 train_items);

  void set_data_config(const QString& json);
  void set_model_config(const QString& name, const QString& json);
  void set_run_folder(const QString& folder);
  void set_checkpoint(const QString& path);

 signals:
  void data_config_changed(const QString& json);
  void model_config_changed(const QString& name, const QString& json);
  void run_folder_changed(const QString& folder);
  void checkpoint_changed(const QString& path);
  // A line for the log pane, from any page.
  void log(const QString& line);

 private:
  QString data_config_;
  QString model_config_;
  QString model_name_;
  QString run_folder_;
  QString checkpoint_;
  QStringList class_names_;
  qint64 train_items_ = 0;
};

}  // namespace binvit::ui
