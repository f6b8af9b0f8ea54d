#pragma once
// Light and dark appearance. Qt 6.4 has no colour-scheme API (it arrived in 6.5), so dark mode is
// the Fusion style with a dark palette, and light mode goes back to the platform's own style.

#include <QPalette>
#include <QString>

namespace binvit::ui {

enum class Theme { Light, Dark };

// The palette used in dark mode; every role Fusion paints with is set, disabled roles greyed.
QPalette dark_palette();

// Applies the theme to the whole application at once (style and palette).
void apply_theme(Theme theme);
// The theme last applied (Light before any), which may differ from the saved one when the
// command line chose a theme for this run only.
Theme current_theme();

// The persisted choice ("ui/theme" in QSettings); Light when nothing was saved.
Theme saved_theme();
void save_theme(Theme theme);

// The settings and command-line spelling: "light" or "dark".
QString theme_name(Theme theme);
// Parses "light" / "dark" (any case); returns false for anything else.
bool parse_theme(const QString& name, Theme* theme);

}  // namespace binvit::ui
