#include "ui/theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace binvit::ui {
namespace {

constexpr char kThemeKey[] = "ui/theme";
Theme applied_theme = Theme::Light;

// The style the platform chose before we changed anything, so Light can return to it (Breeze,
// Windows, macOS...) instead of leaving the user in Fusion.
QString platform_style_name() {
  static const QString name = QApplication::style()->name();
  return name;
}

void set_style(const QString& name) {
  if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0) return;
  if (QStyle* style = QStyleFactory::create(name)) QApplication::setStyle(style);
}

}  // namespace

QPalette dark_palette() {
  const QColor window(45, 47, 51);
  const QColor base(30, 31, 34);
  const QColor text(228, 230, 235);
  const QColor disabled_text(128, 131, 138);
  const QColor highlight(58, 122, 222);

  QPalette palette;
  palette.setColor(QPalette::Window, window);
  palette.setColor(QPalette::WindowText, text);
  palette.setColor(QPalette::Base, base);
  palette.setColor(QPalette::AlternateBase, QColor(38, 40, 44));
  palette.setColor(QPalette::ToolTipBase, QColor(24, 25, 27));
  palette.setColor(QPalette::ToolTipText, text);
  palette.setColor(QPalette::PlaceholderText, disabled_text);
  palette.setColor(QPalette::Text, text);
  palette.setColor(QPalette::Button, window);
  palette.setColor(QPalette::ButtonText, text);
  palette.setColor(QPalette::BrightText, QColor(255, 100, 100));
  palette.setColor(QPalette::Light, QColor(70, 73, 79));
  palette.setColor(QPalette::Midlight, QColor(57, 60, 65));
  palette.setColor(QPalette::Mid, QColor(36, 37, 40));
  palette.setColor(QPalette::Dark, QColor(24, 25, 27));
  palette.setColor(QPalette::Shadow, QColor(10, 10, 10));
  palette.setColor(QPalette::Highlight, highlight);
  palette.setColor(QPalette::HighlightedText, Qt::white);
  palette.setColor(QPalette::Link, QColor(110, 160, 240));
  palette.setColor(QPalette::LinkVisited, QColor(170, 140, 230));
  for (const QPalette::ColorRole role :
       {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText}) {
    palette.setColor(QPalette::Disabled, role, disabled_text);
  }
  palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(70, 73, 79));
  return palette;
}

void apply_theme(Theme theme) {
  const QString platform_style = platform_style_name();  // capture before the first change
  if (theme == Theme::Dark) {
    // Native styles (Windows, macOS, GTK-like) ignore parts of a custom palette; Fusion honours it.
    set_style(QStringLiteral("Fusion"));
    QApplication::setPalette(dark_palette());
  } else {
    set_style(platform_style);
    QApplication::setPalette(QApplication::style()->standardPalette());
  }
  applied_theme = theme;
}

Theme current_theme() { return applied_theme; }

Theme saved_theme() {
  Theme theme = Theme::Light;
  parse_theme(QSettings().value(kThemeKey).toString(), &theme);
  return theme;
}

void save_theme(Theme theme) { QSettings().setValue(kThemeKey, theme_name(theme)); }

QString theme_name(Theme theme) {
  return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

bool parse_theme(const QString& name, Theme* theme) {
  for (const Theme candidate : {Theme::Light, Theme::Dark}) {
    if (name.compare(theme_name(candidate), Qt::CaseInsensitive) == 0) {
      *theme = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace binvit::ui
