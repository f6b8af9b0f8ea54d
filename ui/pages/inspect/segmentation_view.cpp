#include "ui/pages/inspect/segmentation_view.h"

#include "core/inspect/segmentation_inspector.h"
#include "core/inspect/segmentation_overlay.h"
#include "ui/widgets/mat_image.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace binvit::ui {
namespace {

// Overlays are small (the model's input size); scale them up to a readable side, pixels kept
// sharp so class borders stay where the model put them.
constexpr int kMinSide = 320;

QPixmap enlarged(const cv::Mat& rgb) {
  const QImage image = to_qimage_rgb(rgb);
  const int factor = std::max(1, kMinSide / std::max(1, std::min(image.width(), image.height())));
  return QPixmap::fromImage(
      image.scaled(image.size() * factor, Qt::KeepAspectRatio, Qt::FastTransformation));
}

// The class table beside it is the legend: a legend drawn into the small image would be
// enlarged into blurred, cut-off text.
QPixmap overlay_pixmap(const cv::Mat& image, const cv::Mat& labels,
                       const std::vector<std::string>& class_names) {
  inspect::OverlayOptions options;
  options.legend = false;
  return enlarged(inspect::render_segmentation_overlay(image, labels, class_names, options));
}

QLabel* image_label(const QString& name) {
  auto* label = new QLabel;
  label->setObjectName(name);
  label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->setMinimumSize(kMinSide, kMinSide);
  return label;
}

QString percent(double share) { return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 2); }

}  // namespace

SegmentationView::SegmentationView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("segmentationView"));
  prediction_ = image_label(QStringLiteral("segmentationPrediction"));
  truth_ = image_label(QStringLiteral("segmentationTruth"));
  scores_ = new QLabel;
  scores_->setObjectName(QStringLiteral("segmentationScores"));
  scores_->setWordWrap(true);
  classes_ = new QTableWidget(0, 3);
  classes_->setObjectName(QStringLiteral("segmentationClasses"));
  classes_->setHorizontalHeaderLabels({tr("Class"), tr("Predicted pixels"), tr("IoU")});
  classes_->verticalHeader()->hide();
  classes_->horizontalHeader()->setStretchLastSection(true);
  classes_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  auto* images = new QGridLayout;
  images->addWidget(new QLabel(tr("Prediction")), 0, 0);
  images->addWidget(new QLabel(tr("Ground truth")), 0, 1);
  images->addWidget(prediction_, 1, 0);
  images->addWidget(truth_, 1, 1);
  images->setColumnStretch(2, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(images);
  layout->addWidget(scores_);
  layout->addWidget(classes_, 1);
  clear();
}

void SegmentationView::clear() {
  prediction_->clear();
  truth_->clear();
  classes_->setRowCount(0);
  scores_->setText(
      tr("Load a segmentation checkpoint or run, then run a sample (image and mask) "
         "or an image file."));
}

void SegmentationView::show_result(const inspect::SegmentationInspection& result,
                                   const std::vector<std::string>& class_names,
                                   const QString& what) {
  prediction_->setPixmap(overlay_pixmap(result.model_input, result.prediction, class_names));
  if (result.scored) {
    truth_->setPixmap(overlay_pixmap(result.model_input, result.truth, class_names));
    scores_->setText(tr("%1: mIoU %2, pixel accuracy %3 (this image, at the model's %4 x %4 "
                        "input).")
                         .arg(what, percent(result.mean_iou), percent(result.pixel_accuracy))
                         .arg(result.prediction.cols));
  } else {
    truth_->setText(tr("No mask: an image file has no ground truth; dataset samples do."));
    scores_->setText(tr("%1: prediction only.").arg(what));
  }
  // Classes this image involves (predicted or labelled), largest predicted share first.
  std::vector<size_t> shown;
  for (size_t c = 0; c < class_names.size(); ++c) {
    const bool labelled = result.scored && !std::isnan(result.iou[c]);
    if (result.predicted_share[c] > 0 || labelled) shown.push_back(c);
  }
  std::stable_sort(shown.begin(), shown.end(), [&](size_t a, size_t b) {
    return result.predicted_share[a] > result.predicted_share[b];
  });
  classes_->setRowCount(0);
  for (const size_t c : shown) {
    const int row = classes_->rowCount();
    classes_->insertRow(row);
    const cv::Vec3b colour = inspect::class_colour(static_cast<int>(c));
    QPixmap swatch(12, 12);
    swatch.fill(QColor(colour[0], colour[1], colour[2]));
    classes_->setItem(row, 0,
                      new QTableWidgetItem(QIcon(swatch), QString::fromStdString(class_names[c])));
    classes_->setItem(row, 1, new QTableWidgetItem(percent(result.predicted_share[c])));
    const QString iou = !result.scored              ? QStringLiteral("-")
                        : std::isnan(result.iou[c]) ? tr("not in the mask")
                                                    : percent(result.iou[c]);
    classes_->setItem(row, 2, new QTableWidgetItem(iou));
  }
}

QString SegmentationView::scores_text() const { return scores_->text(); }

int SegmentationView::class_rows() const { return classes_->rowCount(); }

}  // namespace binvit::ui
