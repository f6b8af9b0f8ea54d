#pragma once
// The Inspect page's view of a segmentation model's result: the prediction over the image and,
// when the image came with a mask, the ground truth beside it; a table with each class's colour,
// its share of the predicted pixels and its IoU on this image; mIoU and pixel accuracy.

#include <QString>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QTableWidget;

namespace binvit::inspect {
struct SegmentationInspection;
}  // namespace binvit::inspect

namespace binvit::ui {

class SegmentationView : public QWidget {
  Q_OBJECT

 public:
  explicit SegmentationView(QWidget* parent = nullptr);

  void show_result(const inspect::SegmentationInspection& result,
                   const std::vector<std::string>& class_names, const QString& what);
  void clear();
  // What the view shows, for tests and the status line.
  QString scores_text() const;
  int class_rows() const;

 private:
  QLabel* prediction_ = nullptr;
  QLabel* truth_ = nullptr;
  QLabel* scores_ = nullptr;
  QTableWidget* classes_ = nullptr;
};

}  // namespace binvit::ui
