#pragma once
// A live training curve over the steps of a whole run: several named series, stage boundaries
// as labelled vertical lines, TensorBoard-style smoothing, a log axis, zoom and drag, and export
// as PNG (high DPI) and CSV. Points arrive one by one from queued signals; the plot redraws at
// most once per event-loop pass (QCustomPlot's queued replot), which keeps it at a few tens of
// frames a second however fast records come.

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <map>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QCPGraph;
class QSlider;

namespace binvit::ui {

class MetricPlot : public QWidget {
  Q_OBJECT

 public:
  MetricPlot(const QString& title, const QString& value_label, QWidget* parent = nullptr);

  // Declares a series before its first point; its colour is taken from a fixed list.
  void add_series(const QString& key, const QString& label);
  void add_point(const QString& key, double x, double y);
  // A vertical line at x with the stage's name.
  void add_stage_marker(double x, const QString& stage);
  void clear();

  int point_count(const QString& key) const;
  bool log_scale() const;
  void set_log_scale(bool on);
  double smoothing() const;  // 0..0.99
  void set_smoothing(double weight);

  bool save_png(const QString& file) const;
  // Columns: series, x, value, smoothed.
  bool save_csv(const QString& file) const;

  QCustomPlot* plot() const { return plot_; }
  // Hides the plot's own smoothing / log / export row, for plots that share one (RunCurves).
  void set_tools_visible(bool visible);
  // The rows save_csv writes, each prefixed with `prefix` (for one CSV of several plots).
  QStringList csv_rows(const QString& prefix = QString()) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Series {
    QString label;
    QCPGraph* graph = nullptr;
    std::vector<double> xs;
    std::vector<double> ys;
  };
  void refresh_series(Series& series);
  void apply_palette();
  void export_png();
  void export_csv();

  QCustomPlot* plot_ = nullptr;
  QSlider* smoothing_slider_ = nullptr;
  QCheckBox* log_box_ = nullptr;
  QWidget* tools_ = nullptr;
  std::map<QString, Series> series_;
  std::vector<std::pair<double, QString>> markers_;
};

}  // namespace binvit::ui
