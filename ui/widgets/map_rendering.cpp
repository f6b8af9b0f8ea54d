#include "ui/widgets/map_rendering.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace binvit::ui {
namespace {

struct Anchor {
  double t;
  int r, g, b;
};

// Samples of matplotlib's perceptually uniform maps, linearly interpolated between.
constexpr std::array<Anchor, 6> kViridis = {{{0.0, 68, 1, 84},
                                             {0.2, 65, 68, 135},
                                             {0.4, 42, 120, 142},
                                             {0.6, 34, 168, 132},
                                             {0.8, 122, 209, 81},
                                             {1.0, 253, 231, 37}}};
constexpr std::array<Anchor, 6> kInferno = {{{0.0, 0, 0, 4},
                                             {0.2, 66, 10, 104},
                                             {0.4, 147, 38, 103},
                                             {0.6, 221, 81, 58},
                                             {0.8, 252, 165, 10},
                                             {1.0, 252, 255, 164}}};
constexpr std::array<Anchor, 3> kDiverging = {
    {{0.0, 33, 102, 172}, {0.5, 247, 247, 247}, {1.0, 178, 24, 43}}};

template <size_t N>
QColor interpolate(const std::array<Anchor, N>& anchors, double t) {
  for (size_t i = 1; i < N; ++i) {
    if (t <= anchors[i].t) {
      const Anchor& a = anchors[i - 1];
      const Anchor& b = anchors[i];
      const double u = (t - a.t) / (b.t - a.t);
      return QColor(static_cast<int>(a.r + u * (b.r - a.r)),
                    static_cast<int>(a.g + u * (b.g - a.g)),
                    static_cast<int>(a.b + u * (b.b - a.b)));
    }
  }
  return QColor(anchors[N - 1].r, anchors[N - 1].g, anchors[N - 1].b);
}

}  // namespace

QStringList color_map_names() {
  return {QCoreApplication::translate("ColorMap", "viridis"),
          QCoreApplication::translate("ColorMap", "inferno"),
          QCoreApplication::translate("ColorMap", "grey"),
          QCoreApplication::translate("ColorMap", "diverging")};
}

QColor map_color(ColorMap map, double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  switch (map) {
    case ColorMap::Viridis:
      return interpolate(kViridis, t);
    case ColorMap::Inferno:
      return interpolate(kInferno, t);
    case ColorMap::Diverging:
      return interpolate(kDiverging, t);
    case ColorMap::Gray:
      break;
  }
  const int v = static_cast<int>(std::lround(255 * t));
  return QColor(v, v, v);
}

QImage colorize(const std::vector<float>& values, int height, int width, ColorMap map, double lo,
                double hi) {
  if (height <= 0 || width <= 0 || values.size() < static_cast<size_t>(height) * width) return {};
  if (lo == hi) {
    const auto [min, max] = std::minmax_element(values.begin(), values.end());
    lo = *min;
    hi = *max;
    if (map == ColorMap::Diverging) {
      hi = std::max(std::abs(lo), std::abs(hi));
      lo = -hi;
    }
  }
  const double span = hi > lo ? hi - lo : 1.0;
  QImage image(width, height, QImage::Format_RGB32);
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < width; ++c) {
      const double t = (values[static_cast<size_t>(r) * width + c] - lo) / span;
      image.setPixelColor(c, r, map_color(map, t));
    }
  }
  return image;
}

QImage overlay(const QImage& base, const QImage& heat, double alpha, QSize size) {
  QImage canvas(size, QImage::Format_RGB32);
  canvas.fill(Qt::black);
  QPainter painter(&canvas);
  if (!base.isNull())
    painter.drawImage(canvas.rect(),
                      base.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
  painter.setOpacity(std::clamp(alpha, 0.0, 1.0));
  if (!heat.isNull())
    painter.drawImage(canvas.rect(),
                      heat.scaled(size, Qt::IgnoreAspectRatio, Qt::FastTransformation));
  return canvas;
}

QImage colorbar(ColorMap map, double lo, double hi, int height) {
  constexpr int kBarWidth = 14;
  constexpr int kWidth = 56;
  QImage image(kWidth, height, QImage::Format_ARGB32);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  const int top = 8;
  const int bottom = height - 8;
  for (int y = top; y < bottom; ++y) {
    const double t = 1.0 - static_cast<double>(y - top) / std::max(1, bottom - top - 1);
    painter.setPen(map_color(map, t));
    painter.drawLine(0, y, kBarWidth, y);
  }
  painter.setPen(Qt::gray);
  painter.drawRect(0, top, kBarWidth, bottom - top);
  QFont font = painter.font();
  font.setPixelSize(10);
  painter.setFont(font);
  painter.drawText(kBarWidth + 4, top + 8, QString::number(hi, 'g', 3));
  painter.drawText(kBarWidth + 4, bottom, QString::number(lo, 'g', 3));
  return image;
}

}  // namespace binvit::ui
