#pragma once
// The live curves of a run: loss and its parts (CE, distillation/KD, regulariser), evaluation
// accuracy, and the learning rate, over one step axis for the whole run. Each stage's steps start
// where the previous stage ended, at a labelled marker. Fed with metrics.jsonl records, live from
// the trainer or read back from a run folder.

#include <QJsonObject>
#include <QWidget>

#include <map>

namespace binvit::ui {

class MetricPlot;

class RunCurves : public QWidget {
  Q_OBJECT

 public:
  explicit RunCurves(QWidget* parent = nullptr);

  void add_record(const QJsonObject& record);
  void clear();

  MetricPlot* loss_plot() const { return loss_; }
  MetricPlot* accuracy_plot() const { return accuracy_; }
  MetricPlot* lr_plot() const { return lr_; }
  // The three plots stacked into one PNG at twice the screen resolution, and every point of all
  // of them in one CSV (series named loss/..., accuracy/..., lr/...).
  bool save_png(const QString& file) const;
  bool save_csv(const QString& file) const;

 private:
  double x_of(const QJsonObject& record);
  QWidget* create_tools();

  MetricPlot* loss_ = nullptr;
  MetricPlot* accuracy_ = nullptr;
  MetricPlot* lr_ = nullptr;
  std::map<int, double> stage_offsets_;  // stage index -> x of its step 0
  double last_x_ = 0;
};

}  // namespace binvit::ui
