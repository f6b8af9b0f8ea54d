#pragma once
// The command line of binvit-studio. It lives in the ui layer so its help text is translated
// with the rest of the interface.

#include "ui/theme.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <optional>

namespace binvit::ui {

struct StartupOptions {
  Q_DECLARE_TR_FUNCTIONS(StartupOptions)

 public:
  // Parses the arguments; --help and --version print and exit the process, as usual for Qt
  // programs. Returns the options, or nullopt with *error set for an invalid value.
  static std::optional<StartupOptions> parse(const QStringList& arguments, QString* error);

  QString open_path;           // a run folder or checkpoint to open in the Inspect page
  QString screenshot_file;     // render the window to this PNG (once open_path is shown), exit
  QString screenshot_folder;   // run the demo tour, render every page into it, then exit
  int page_index = -1;         // 0-based page to open; -1 = the one saved at the last exit
  QString language;            // for this run only; empty = the saved choice
  std::optional<Theme> theme;  // for this run only; nullopt = the saved choice
};

}  // namespace binvit::ui
