#include "ui/pages/train/run_curves.h"

#include "ui/widgets/metric_plot.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace binvit::ui {

RunCurves::RunCurves(QWidget* parent) : QWidget(parent) {
  loss_ = new MetricPlot(tr("Training loss"), tr("loss"));
  loss_->setObjectName(QStringLiteral("lossPlot"));
  loss_->add_series(QStringLiteral("loss"), tr("total"));
  loss_->add_series(QStringLiteral("ce"), tr("CE"));
  loss_->add_series(QStringLiteral("distill"), tr("distillation / KD"));
  loss_->add_series(QStringLiteral("regularizer"), tr("regulariser"));
  accuracy_ = new MetricPlot(tr("Evaluation accuracy"), tr("%"));
  accuracy_->setObjectName(QStringLiteral("accuracyPlot"));
  accuracy_->add_series(QStringLiteral("top1"), tr("top-1"));
  accuracy_->add_series(QStringLiteral("top5"), tr("top-5"));
  lr_ = new MetricPlot(tr("Learning rate"), tr("lr"));
  lr_->setObjectName(QStringLiteral("lrPlot"));
  lr_->add_series(QStringLiteral("lr"), tr("learning rate"));
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->setObjectName(QStringLiteral("curvesSplitter"));
  splitter->addWidget(loss_);
  splitter->addWidget(accuracy_);
  splitter->addWidget(lr_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 3);
  splitter->setStretchFactor(2, 2);
  splitter->setStretchFactor(2, 1);
  for (MetricPlot* plot : {loss_, accuracy_, lr_}) plot->set_tools_visible(false);
  accuracy_->set_smoothing(0);  // one point per epoch: nothing to smooth
  lr_->set_smoothing(0);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter, 1);
  layout->addWidget(create_tools());
}

QWidget* RunCurves::create_tools() {
  auto* smoothing = new QSlider(Qt::Horizontal);
  smoothing->setObjectName(QStringLiteral("curvesSmoothing"));
  smoothing->setRange(0, 99);
  smoothing->setValue(60);
  smoothing->setMaximumWidth(160);
  smoothing->setToolTip(
      tr("Debiased exponential moving average of the loss, as in TensorBoard "
         "(0: raw points)"));
  connect(smoothing, &QSlider::valueChanged, this,
          [this](int value) { loss_->set_smoothing(value / 100.0); });
  loss_->set_smoothing(0.6);
  auto* log_scale = new QCheckBox(tr("Log loss axis"));
  log_scale->setObjectName(QStringLiteral("curvesLogScale"));
  log_scale->setToolTip(tr("Logarithmic axis for the loss"));
  connect(log_scale, &QCheckBox::toggled, loss_, &MetricPlot::set_log_scale);
  auto* png = new QPushButton(tr("PNG..."));
  png->setToolTip(tr("Save the three plots as one PNG image at twice the screen resolution"));
  connect(png, &QPushButton::clicked, this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save curves"), QString(), tr("PNG images (*.png)"));
    if (!file.isEmpty() && !save_png(file)) {
      QMessageBox::warning(this, tr("Save curves"), tr("Cannot write %1").arg(file));
    }
  });
  auto* csv = new QPushButton(tr("CSV..."));
  csv->setToolTip(tr("Save every point of the three plots (raw and smoothed) as CSV"));
  connect(csv, &QPushButton::clicked, this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save points"), QString(), tr("CSV files (*.csv)"));
    if (!file.isEmpty() && !save_csv(file)) {
      QMessageBox::warning(this, tr("Save points"), tr("Cannot write %1").arg(file));
    }
  });
  auto* tools = new QWidget;
  auto* layout = new QHBoxLayout(tools);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Smoothing")));
  layout->addWidget(smoothing);
  layout->addWidget(log_scale);
  layout->addStretch();
  layout->addWidget(png);
  layout->addWidget(csv);
  return tools;
}

bool RunCurves::save_png(const QString& file) const {
  constexpr double kScale = 2.0;
  int height = 0;
  int width = 0;
  for (const MetricPlot* plot : {loss_, accuracy_, lr_}) {
    height += plot->plot()->height();
    width = std::max(width, plot->plot()->width());
  }
  QImage image(static_cast<int>(width * kScale), static_cast<int>(height * kScale),
               QImage::Format_ARGB32);
  image.fill(palette().color(QPalette::Base));
  QPainter painter(&image);
  int y = 0;
  for (const MetricPlot* plot : {loss_, accuracy_, lr_}) {
    const QPixmap pixmap =
        plot->plot()->toPixmap(plot->plot()->width(), plot->plot()->height(), kScale);
    painter.drawPixmap(0, y, pixmap);
    y += pixmap.height();
  }
  painter.end();
  return image.save(file, "PNG");
}

bool RunCurves::save_csv(const QString& file) const {
  QFile out(file);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QStringList rows = {QStringLiteral("series,x,value,smoothed")};
  rows << loss_->csv_rows(QStringLiteral("loss/"))
       << accuracy_->csv_rows(QStringLiteral("accuracy/")) << lr_->csv_rows(QStringLiteral("lr/"));
  return out.write((rows.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8()) > 0;
}

double RunCurves::x_of(const QJsonObject& record) {
  const int stage = record.value(QStringLiteral("stage_index")).toInt();
  auto found = stage_offsets_.find(stage);
  if (found == stage_offsets_.end()) {
    found = stage_offsets_.emplace(stage, last_x_).first;
    const QString name = record.value(QStringLiteral("stage")).toString();
    for (MetricPlot* plot : {loss_, accuracy_, lr_}) plot->add_stage_marker(last_x_, name);
  }
  const double x = found->second + record.value(QStringLiteral("step")).toDouble();
  last_x_ = std::max(last_x_, x);
  return x;
}

void RunCurves::add_record(const QJsonObject& record) {
  const QString type = record.value(QStringLiteral("type")).toString();
  if (type != QLatin1String("step") && type != QLatin1String("epoch")) return;
  const double x = x_of(record);
  if (type == QLatin1String("step")) {
    loss_->add_point(QStringLiteral("loss"), x, record.value(QStringLiteral("loss")).toDouble());
    // A part that is not in the recipe is recorded as 0; leave it off the plot.
    for (const char* part : {"ce", "distill", "regularizer"}) {
      const double value = record.value(QLatin1String(part)).toDouble();
      if (value != 0.0) loss_->add_point(QLatin1String(part), x, value);
    }
    lr_->add_point(QStringLiteral("lr"), x, record.value(QStringLiteral("lr")).toDouble());
    return;
  }
  accuracy_->add_point(QStringLiteral("top1"), x,
                       100.0 * record.value(QStringLiteral("top1")).toDouble());
  accuracy_->add_point(QStringLiteral("top5"), x,
                       100.0 * record.value(QStringLiteral("top5")).toDouble());
}

void RunCurves::clear() {
  for (MetricPlot* plot : {loss_, accuracy_, lr_}) plot->clear();
  stage_offsets_.clear();
  last_x_ = 0;
}

}  // namespace binvit::ui
