#include "ui/studio_session.h"

#include "core/data/data_config.h"
#include "core/data/default_dataset.h"
#include "core/train/train_config.h"

namespace binvit::ui {

// The built-in default, the Fashion-MNIST demo, so every page works before the user chooses.
StudioSession::StudioSession(QObject* parent)
    : QObject(parent),
      data_config_(QString::fromStdString(data::to_json(train::demo_train_config().data).dump())),
      model_config_(QString::fromStdString(train::demo_model_config().dump())),
      model_name_(QStringLiteral("demo")) {
  const data::DefaultDataset fashion = data::default_dataset();
  for (const auto& name : fashion.class_names) class_names_ << QString::fromStdString(name);
  train_items_ = 60000;  // Fashion-MNIST's training part
}

void StudioSession::set_dataset_facts(const QStringList& class_names, qint64 train_items) {
  class_names_ = class_names;
  train_items_ = train_items;
}

void StudioSession::set_data_config(const QString& json) {
  if (json == data_config_) return;
  data_config_ = json;
  emit data_config_changed(json);
}

void StudioSession::set_model_config(const QString& name, const QString& json) {
  if (json == model_config_ && name == model_name_) return;
  model_name_ = name;
  model_config_ = json;
  emit model_config_changed(name, json);
}

void StudioSession::set_run_folder(const QString& folder) {
  if (folder == run_folder_) return;
  run_folder_ = folder;
  emit run_folder_changed(folder);
}

void StudioSession::set_checkpoint(const QString& path) {
  if (path == checkpoint_) return;
  checkpoint_ = path;
  emit checkpoint_changed(path);
}

}  // namespace binvit::ui
