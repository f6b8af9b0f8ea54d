#include "ui/pages/train/run_curves.h"

#include "ui/widgets/metric_plot.h"

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
  accuracy_->set_smoothing(0);
  lr_ = new MetricPlot(tr("Learning rate"), tr("lr"));
  lr_->setObjectName(QStringLiteral("lrPlot"));
  lr_->add_series(QStringLiteral("lr"), tr("learning rate"));
  lr_->set_smoothing(0);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->setObjectName(QStringLiteral("curvesSplitter"));
  splitter->addWidget(loss_);
  splitter->addWidget(accuracy_);
  splitter->addWidget(lr_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 3);
  splitter->setStretchFactor(2, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);
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
