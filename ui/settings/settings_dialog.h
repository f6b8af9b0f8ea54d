#pragma once
// The Settings dialog: LibTorch threads for training and inference, theme, language, and the
// recent runs and datasets, all persisted with QSettings. Theme and threads apply at once; the
// language at the next start (Qt widgets built in one language are not rebuilt).

#include <QDialog>

class QComboBox;
class QListWidget;
class QSpinBox;

namespace binvit::ui {

// The persisted thread count ("settings/threads"); 1 when nothing was saved (PLATFORM.md: the
// small presets train fastest on one intra-op thread while the loader uses the other core).
int saved_threads();
void save_threads(int threads);

class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit SettingsDialog(QWidget* parent = nullptr);

 signals:
  void threads_changed(int threads);
  void reset_layout_requested();

 private:
  void apply();

  QSpinBox* threads_ = nullptr;
  QComboBox* theme_ = nullptr;
  QComboBox* language_ = nullptr;
  QListWidget* recent_runs_ = nullptr;
  QListWidget* recent_datasets_ = nullptr;
};

}  // namespace binvit::ui
