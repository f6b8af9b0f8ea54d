#pragma once
// A matrix as a colour map with a colorbar and named rows and columns: the confusion matrix
// (rows true classes, columns predictions, coloured by the row share) and any other small matrix.
// Clicking a cell emits its row and column.

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QMouseEvent;

namespace binvit::ui {

class HeatmapPlot : public QWidget {
  Q_OBJECT

 public:
  explicit HeatmapPlot(QWidget* parent = nullptr);

  // values: rows x columns, row-major. Labels may be empty (then indices are shown).
  void set_matrix(const std::vector<double>& values, int rows, int columns,
                  const QStringList& row_labels, const QStringList& column_labels,
                  const QString& value_label);
  // A confusion matrix: counts coloured by the share of their row; rows labelled with the
  // per-class accuracy.
  void set_confusion(const std::vector<std::vector<qint64>>& confusion,
                     const QStringList& class_names);
  int rows() const { return rows_; }
  int columns() const { return columns_; }
  double value(int row, int column) const;
  bool save_png(const QString& file) const;
  QCustomPlot* plot() const { return plot_; }

 signals:
  void cell_clicked(int row, int column);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void on_click(QMouseEvent* event);

  QCustomPlot* plot_ = nullptr;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  std::vector<double> values_;
  int rows_ = 0;
  int columns_ = 0;
};

}  // namespace binvit::ui
