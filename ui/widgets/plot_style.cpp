#include "ui/widgets/plot_style.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QPalette>

#include <array>

namespace binvit::ui {

QColor series_color(int index) {
  // Tableau 10, readable on white and on the dark palette.
  static const std::array<QColor, 8> colors = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                               QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
                                               QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                               QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7)};
  return colors[static_cast<size_t>(index) % colors.size()];
}

void style_plot(QCustomPlot* plot) {
  const QPalette palette = QApplication::palette();
  const QColor background = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  QColor grid = text;
  grid.setAlpha(40);
  plot->setBackground(background);
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
  }
  if (plot->legend != nullptr) {
    plot->legend->setBrush(background);
    plot->legend->setTextColor(text);
    plot->legend->setBorderPen(QPen(grid));
  }
  for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
    if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) {
      title->setTextColor(text);
    }
  }
}

}  // namespace binvit::ui
