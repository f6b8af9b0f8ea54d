#pragma once
// The Inspect page: one image through the binary student and, when the run has one, its float
// teacher. Top-5 of both; the attention of every layer and head (class-token row, or the row of a
// clicked patch), rollout, mass-threshold masks, GSB's binary components and BHViT's QD maps,
// with colour map, alpha and a colorbar; the teacher's map and the difference beside the
// student's; learned scales, the share of +1 per binary layer, latent-weight histograms and the
// sign-flip rate against another checkpoint; for a segmentation model, the prediction and the
// ground truth as overlays with a legend and the image's per-class IoU. The models run in the
// background (core/inspect).

#include "ui/pages/page.h"

#include <QImage>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <utility>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace binvit::inspect {
class ModelInspector;
class SegmentationInspector;
struct InspectionResult;
}  // namespace binvit::inspect

namespace binvit::ui {

class StudioSession;
struct InspectionPair;
class SegmentationView;

class InspectPage : public Page {
  Q_OBJECT

 public:
  explicit InspectPage(StudioSession* session, QWidget* parent = nullptr);
  ~InspectPage() override;

  QString title() const override;
  QString summary() const override;
  QIcon icon() const override;

  // Loads the models of a checkpoint or run folder, in the background.
  void load_models(const QString& checkpoint_or_run);
  // Runs item `index` of the test part of the loaded run's dataset (of the session's dataset for
  // a checkpoint outside a run) through the models; a segmentation model gets image and mask.
  void inspect_sample(int index);
  void inspect_file(const QString& image_file);
  bool busy() const { return busy_; }
  bool has_teacher() const;
  bool segmentation_loaded() const { return segmenter_ != nullptr; }
  const SegmentationView* segmentation_view() const { return segmentation_view_; }
  // The maps in the layers x heads grid, and the layers and heads the result holds.
  int map_count() const;
  int layer_count() const;
  int head_count() const;
  // Selects a patch of the grid as the query (what it attends to).
  void select_patch(int row, int col);
  QString top5_text() const;
  QString flip_text() const;
  // Sign-flip rate of the loaded student against `checkpoint` (background).
  void compare_with(const QString& checkpoint);

 signals:
  void models_loaded(bool ok);
  void inspected(bool ok);
  void flips_ready();

 protected:
  // A click on the student's map selects that patch as the query.
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QWidget* create_source_bar();
  QWidget* create_attention_tab();
  QWidget* create_internals_tab();
  void run_inspection(std::function<cv::Mat()> load_image, const QString& what);
  // The image and, for dataset samples, its mask through the segmentation model.
  void run_segmentation(std::function<std::pair<cv::Mat, cv::Mat>()> load_pair,
                        const QString& what);
  void show_result();
  void redraw_maps();
  void show_internals();
  void show_histogram();
  void fail(const QString& title, const QString& message);
  // Requests made while a background job runs wait their turn instead of being dropped:
  // loading models starts a histogram job, and an inspection asked for right after must still run.
  // The data config (JSON) that inspect_sample takes its items from.
  std::string sample_source() const;
  bool queue_if_busy(std::function<void()> request);
  void run_next_request();
  // The map the controls select for one model, layer and head, on the patch grid.
  bool selected_map(const inspect::InspectionResult& result, int layer, int head,
                    std::vector<float>* values, int* height, int* width) const;

  StudioSession* session_;
  std::shared_ptr<inspect::ModelInspector> student_;
  std::shared_ptr<inspect::ModelInspector> teacher_;
  std::shared_ptr<inspect::SegmentationInspector> segmenter_;
  std::shared_ptr<const InspectionPair> result_;
  QTabWidget* tabs_ = nullptr;
  SegmentationView* segmentation_view_ = nullptr;
  QLineEdit* source_ = nullptr;
  QSpinBox* sample_ = nullptr;
  QLabel* model_info_ = nullptr;
  QTableWidget* student_top_ = nullptr;
  QTableWidget* teacher_top_ = nullptr;
  QComboBox* layer_ = nullptr;
  QComboBox* head_ = nullptr;
  QComboBox* map_kind_ = nullptr;
  QComboBox* row_kind_ = nullptr;
  QComboBox* color_map_ = nullptr;
  QSlider* alpha_ = nullptr;
  QSpinBox* mass_ = nullptr;
  QLabel* student_map_ = nullptr;
  QLabel* teacher_map_ = nullptr;
  QLabel* difference_map_ = nullptr;
  QLabel* map_caption_ = nullptr;
  QListWidget* grid_ = nullptr;
  QTableWidget* scales_ = nullptr;
  QCustomPlot* shares_ = nullptr;
  QComboBox* histogram_layer_ = nullptr;
  QCustomPlot* histogram_ = nullptr;
  QLabel* flips_ = nullptr;
  QLabel* notes_ = nullptr;
  int query_row_ = 0;
  int query_col_ = 0;
  bool busy_ = false;
  std::string run_dataset_;  // the loaded run's data config (JSON); empty: none
  std::deque<std::function<void()>> pending_;
};

}  // namespace binvit::ui
