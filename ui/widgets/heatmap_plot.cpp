#include "ui/widgets/heatmap_plot.h"

#include "ui/widgets/map_rendering.h"
#include "ui/widgets/plot_style.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace binvit::ui {
namespace {

QSharedPointer<QCPAxisTickerText> label_ticker(const QStringList& labels, int count) {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < count; ++i) {
    ticker->addTick(i, i < labels.size() ? labels[i] : QString::number(i));
  }
  return ticker;
}

// The same viridis as the attention maps, so one colour means one thing across the application.
QCPColorGradient viridis_gradient() {
  QCPColorGradient gradient;
  gradient.clearColorStops();
  constexpr int kStops = 10;
  for (int i = 0; i <= kStops; ++i) {
    const double t = static_cast<double>(i) / kStops;
    gradient.setColorStopAt(t, map_color(ColorMap::Viridis, t));
  }
  return gradient;
}

}  // namespace

HeatmapPlot::HeatmapPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot) {
  plot_->setObjectName(QStringLiteral("heatmap"));
  plot_->setMinimumSize(200, 160);
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  scale_ = new QCPColorScale(plot_);
  plot_->plotLayout()->addElement(0, 1, scale_);
  map_->setColorScale(scale_);
  map_->setGradient(viridis_gradient());
  map_->setInterpolate(false);
  plot_->yAxis->setRangeReversed(true);  // row 0 at the top, as a matrix is read
  auto* margins = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  connect(plot_, &QCustomPlot::mousePress, this, &HeatmapPlot::on_click);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  style_plot(plot_);
}

void HeatmapPlot::set_matrix(const std::vector<double>& values, int rows, int columns,
                             const QStringList& row_labels, const QStringList& column_labels,
                             const QString& value_label) {
  values_ = values;
  rows_ = rows;
  columns_ = columns;
  map_->data()->setSize(columns, rows);
  map_->data()->setRange(QCPRange(0, std::max(0, columns - 1)), QCPRange(0, std::max(0, rows - 1)));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      map_->data()->setCell(c, r, values[static_cast<size_t>(r * columns + c)]);
    }
  }
  map_->rescaleDataRange(true);
  scale_->axis()->setLabel(value_label);
  plot_->xAxis->setTicker(label_ticker(column_labels, columns));
  plot_->yAxis->setTicker(label_ticker(row_labels, rows));
  plot_->xAxis->setTickLabelRotation(columns > 6 ? 60 : 0);
  plot_->xAxis->setRange(-0.5, columns - 0.5);
  plot_->yAxis->setRange(-0.5, rows - 0.5);
  style_plot(plot_);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapPlot::set_confusion(const std::vector<std::vector<qint64>>& confusion,
                                const QStringList& class_names) {
  const int n = static_cast<int>(confusion.size());
  std::vector<double> shares(static_cast<size_t>(n * n), 0.0);
  QStringList rows;
  for (int r = 0; r < n; ++r) {
    qint64 total = 0;
    for (const qint64 count : confusion[static_cast<size_t>(r)]) total += count;
    for (int c = 0; c < n; ++c) {
      const auto count = confusion[static_cast<size_t>(r)][static_cast<size_t>(c)];
      shares[static_cast<size_t>(r * n + c)] = total > 0 ? 100.0 * count / total : 0.0;
    }
    const QString name = r < class_names.size() ? class_names[r] : QString::number(r);
    rows << tr("%1 (%2 %)").arg(name).arg(shares[static_cast<size_t>(r * n + r)], 0, 'f', 1);
  }
  set_matrix(shares, n, n, rows, class_names, tr("% of the true class"));
  plot_->xAxis->setLabel(tr("predicted"));
  plot_->yAxis->setLabel(tr("true class (per-class accuracy)"));
  map_->setDataRange(QCPRange(0, 100));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

double HeatmapPlot::value(int row, int column) const {
  return values_.at(static_cast<size_t>(row * columns_ + column));
}

bool HeatmapPlot::save_png(const QString& file) const {
  return plot_->savePng(file, plot_->width(), plot_->height(), 2.0);
}

void HeatmapPlot::on_click(QMouseEvent* event) {
  const double x = plot_->xAxis->pixelToCoord(event->position().x());
  const double y = plot_->yAxis->pixelToCoord(event->position().y());
  const int column = static_cast<int>(std::lround(x));
  const int row = static_cast<int>(std::lround(y));
  if (row >= 0 && row < rows_ && column >= 0 && column < columns_) emit cell_clicked(row, column);
}

void HeatmapPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    style_plot(plot_);
    plot_->replot(QCustomPlot::rpQueuedReplot);
  }
  QWidget::changeEvent(event);
}

}  // namespace binvit::ui
