#pragma once
// Attention maps and other small matrices as pictures: a colour map over a value range, laid over
// the image the model saw with an adjustable alpha, and a colorbar with its range. Pure Qt on
// plain vectors, so the Inspect page can redraw every layer and head at once without the core.

#include <QImage>
#include <QString>
#include <QStringList>

#include <vector>

namespace binvit::ui {

enum class ColorMap { Viridis, Inferno, Gray, Diverging };

QStringList color_map_names();             // in enum order, translated
QColor map_color(ColorMap map, double t);  // t in [0, 1]

// values: height x width, row-major. lo == hi: the values' own range (Diverging: symmetric
// around 0).
QImage colorize(const std::vector<float>& values, int height, int width, ColorMap map,
                double lo = 0, double hi = 0);
// `heat` stretched (nearest, so patches stay visible) over `base` at `alpha` in [0, 1], at
// `size` pixels.
QImage overlay(const QImage& base, const QImage& heat, double alpha, QSize size);
// A vertical colorbar `height` pixels tall with its range written next to it.
QImage colorbar(ColorMap map, double lo, double hi, int height);

}  // namespace binvit::ui
