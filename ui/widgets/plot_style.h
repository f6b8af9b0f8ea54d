#pragma once
// Plot colours that follow the application palette (light or dark theme), and the series colours
// every plot uses, chosen to stay distinct on both backgrounds.

#include <QColor>

class QCustomPlot;

namespace binvit::ui {

QColor series_color(int index);
// Background, axes, grid and text of `plot` from the current application palette.
void style_plot(QCustomPlot* plot);

}  // namespace binvit::ui
