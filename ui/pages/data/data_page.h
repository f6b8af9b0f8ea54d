#pragma once
// The Data page: choose a dataset (every reader of core/data, Fashion-MNIST preselected), see its
// statistics, class counts and a thumbnail grid, and one image through the training transforms
// several times. Opening and decoding run in the background; a bad dataset gives a dialog.

#include "ui/pages/page.h"

#include <QImage>
#include <QStringList>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace binvit::data {
class Dataset;
}

namespace binvit::ui {

class StudioSession;

// What opening a dataset produced, ready for the widgets.
struct DatasetOverview {
  std::shared_ptr<const data::Dataset> dataset;  // null for segmentation sets
  QString summary;
  QStringList class_names;
  std::vector<qint64> class_counts;
  std::vector<double> mean;
  std::vector<double> std;
  std::vector<QImage> thumbnails;
  std::vector<int> thumbnail_items;
  QStringList thumbnail_tips;
  int channels = 0;
};

class DataPage : public Page {
  Q_OBJECT

 public:
  explicit DataPage(StudioSession* session, QWidget* parent = nullptr);

  QString title() const override;
  QString summary() const override;
  QIcon icon() const override;

  // Opens what the form describes, in the background.
  void open_dataset();
  bool busy() const { return busy_; }
  // The last dataset opened successfully: its item count (0 before any).
  qint64 item_count() const;

 signals:
  // After every open: success or the error shown in the dialog.
  void dataset_opened(bool ok);
  void preview_ready();

 private:
  QWidget* create_form();
  QWidget* create_results();
  void show_overview(const DatasetOverview& overview);
  void show_error(const QString& message);
  void show_class_counts(const DatasetOverview& overview);
  void update_preview();
  void browse();
  void publish_config();

  StudioSession* session_;
  QComboBox* format_ = nullptr;
  QLineEdit* path_ = nullptr;
  QComboBox* split_ = nullptr;
  QCheckBox* skip_unreadable_ = nullptr;
  QDoubleSpinBox* val_percent_ = nullptr;
  QSpinBox* train_limit_ = nullptr;
  QSpinBox* test_limit_ = nullptr;
  QPushButton* open_button_ = nullptr;
  QLabel* statistics_ = nullptr;
  QCustomPlot* counts_plot_ = nullptr;
  QListWidget* thumbnails_ = nullptr;
  QComboBox* pipeline_ = nullptr;
  QLabel* preview_ = nullptr;
  QLabel* preview_caption_ = nullptr;
  DatasetOverview overview_;
  int preview_item_ = 0;
  quint64 preview_seed_ = 0;
  bool busy_ = false;
};

}  // namespace binvit::ui
