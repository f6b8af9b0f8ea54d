#include "ui/widgets/metric_plot.h"

#include "ui/widgets/plot_style.h"
#include "ui/widgets/smoothing.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QTextStream>
#include <QVBoxLayout>

#include <cmath>

namespace binvit::ui {
namespace {

constexpr int kSmoothingSteps = 99;  // slider 0..99 -> weight 0..0.99
constexpr double kPngScale = 2.0;    // high-DPI export

}  // namespace

MetricPlot::MetricPlot(const QString& title, const QString& value_label, QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot) {
  plot_->setObjectName(QStringLiteral("plot"));
  plot_->setMinimumHeight(90);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, title));
  plot_->xAxis->setLabel(tr("step"));
  plot_->yAxis->setLabel(value_label);
  plot_->legend->setVisible(true);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  plot_->legend->setFont(small);
  plot_->legend->setIconSize(14, 8);
  plot_->legend->setRowSpacing(-2);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setToolTip(tr("Drag to pan, wheel to zoom, double-click to fit all points"));
  connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
    plot_->rescaleAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
  });

  smoothing_slider_ = new QSlider(Qt::Horizontal);
  smoothing_slider_->setObjectName(QStringLiteral("smoothing"));
  smoothing_slider_->setRange(0, kSmoothingSteps);
  smoothing_slider_->setValue(60);
  smoothing_slider_->setMaximumWidth(160);
  smoothing_slider_->setToolTip(
      tr("Debiased exponential moving average, as in TensorBoard (0: raw points)"));
  connect(smoothing_slider_, &QSlider::valueChanged, this, [this] {
    for (auto& [key, series] : series_) refresh_series(series);
    plot_->replot(QCustomPlot::rpQueuedReplot);
  });
  log_box_ = new QCheckBox(tr("Log scale"));
  log_box_->setObjectName(QStringLiteral("logScale"));
  log_box_->setToolTip(tr("Logarithmic value axis"));
  connect(log_box_, &QCheckBox::toggled, this, &MetricPlot::set_log_scale);
  auto* png = new QPushButton(tr("PNG..."));
  png->setToolTip(tr("Save the plot as a PNG image at twice the screen resolution"));
  connect(png, &QPushButton::clicked, this, &MetricPlot::export_png);
  auto* csv = new QPushButton(tr("CSV..."));
  csv->setToolTip(tr("Save every point (raw and smoothed) as CSV"));
  connect(csv, &QPushButton::clicked, this, &MetricPlot::export_csv);

  tools_ = new QWidget;
  auto* tools = new QHBoxLayout(tools_);
  tools->setContentsMargins(0, 0, 0, 0);
  tools->addWidget(new QLabel(tr("Smoothing")));
  tools->addWidget(smoothing_slider_);
  tools->addWidget(log_box_);
  tools->addStretch();
  tools->addWidget(png);
  tools->addWidget(csv);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_, 1);
  layout->addWidget(tools_);
  apply_palette();
}

void MetricPlot::add_series(const QString& key, const QString& label) {
  if (series_.count(key) != 0) return;
  Series series;
  series.label = label;
  series.graph = plot_->addGraph();
  series.graph->setName(label);
  series.graph->setPen(QPen(series_color(static_cast<int>(series_.size())), 1.6));
  series_.emplace(key, std::move(series));
}

void MetricPlot::add_point(const QString& key, double x, double y) {
  auto found = series_.find(key);
  if (found == series_.end()) {
    add_series(key, key);
    found = series_.find(key);
  }
  Series& series = found->second;
  series.xs.push_back(x);
  series.ys.push_back(y);
  refresh_series(series);
  plot_->rescaleAxes();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MetricPlot::add_stage_marker(double x, const QString& stage) {
  markers_.emplace_back(x, stage);
  auto* line = new QCPItemStraightLine(plot_);
  line->point1->setCoords(x, 0);
  line->point2->setCoords(x, 1);
  QColor color = QApplication::palette().color(QPalette::Text);
  color.setAlpha(120);
  line->setPen(QPen(color, 1, Qt::DashLine));
  auto* label = new QCPItemText(plot_);
  label->position->setTypeX(QCPItemPosition::ptPlotCoords);
  label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  label->position->setCoords(x, 0.02);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->setText(QStringLiteral(" ") + stage);
  label->setColor(color);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MetricPlot::clear() {
  for (auto& [key, series] : series_) {
    series.xs.clear();
    series.ys.clear();
    series.graph->data()->clear();
  }
  markers_.clear();
  plot_->clearItems();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

int MetricPlot::point_count(const QString& key) const {
  const auto found = series_.find(key);
  return found == series_.end() ? 0 : static_cast<int>(found->second.xs.size());
}

bool MetricPlot::log_scale() const { return plot_->yAxis->scaleType() == QCPAxis::stLogarithmic; }

void MetricPlot::set_log_scale(bool on) {
  log_box_->setChecked(on);
  plot_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on) {
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  } else {
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  plot_->rescaleAxes();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

double MetricPlot::smoothing() const {
  return smoothing_slider_->value() / (kSmoothingSteps + 1.0);
}

void MetricPlot::set_smoothing(double weight) {
  smoothing_slider_->setValue(static_cast<int>(std::lround(weight * (kSmoothingSteps + 1))));
}

void MetricPlot::refresh_series(Series& series) {
  const std::vector<double> smoothed = debiased_moving_average(series.ys, smoothing());
  QVector<double> xs(series.xs.begin(), series.xs.end());
  QVector<double> ys(smoothed.begin(), smoothed.end());
  series.graph->setData(xs, ys, true);
}

bool MetricPlot::save_png(const QString& file) const {
  return plot_->savePng(file, plot_->width(), plot_->height(), kPngScale);
}

QStringList MetricPlot::csv_rows(const QString& prefix) const {
  QStringList rows;
  for (const auto& [key, series] : series_) {
    const std::vector<double> smoothed = debiased_moving_average(series.ys, smoothing());
    for (size_t i = 0; i < series.xs.size(); ++i) {
      rows << QStringLiteral("%1%2,%3,%4,%5")
                  .arg(prefix, key)
                  .arg(series.xs[i], 0, 'g', 12)
                  .arg(series.ys[i], 0, 'g', 10)
                  .arg(smoothed[i], 0, 'g', 10);
    }
  }
  return rows;
}

bool MetricPlot::save_csv(const QString& file) const {
  QFile out(file);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream stream(&out);
  stream << "series,x,value,smoothed\n";
  for (const QString& row : csv_rows()) stream << row << '\n';
  return stream.status() == QTextStream::Ok;
}

void MetricPlot::set_tools_visible(bool visible) { tools_->setVisible(visible); }

void MetricPlot::export_png() {
  const QString file =
      QFileDialog::getSaveFileName(this, tr("Save plot"), QString(), tr("PNG images (*.png)"));
  if (!file.isEmpty() && !save_png(file)) {
    QMessageBox::warning(this, tr("Save plot"), tr("Cannot write %1").arg(file));
  }
}

void MetricPlot::export_csv() {
  const QString file =
      QFileDialog::getSaveFileName(this, tr("Save points"), QString(), tr("CSV files (*.csv)"));
  if (!file.isEmpty() && !save_csv(file)) {
    QMessageBox::warning(this, tr("Save points"), tr("Cannot write %1").arg(file));
  }
}

void MetricPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) apply_palette();
  QWidget::changeEvent(event);
}

void MetricPlot::apply_palette() {
  style_plot(plot_);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace binvit::ui
