// binvit-studio: the desktop application. Parses the command line, applies the saved language
// and theme, and shows the main window; everything else lives in the ui layer.

#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/resources.h"
#include "ui/screenshot_tour.h"
#include "ui/startup_options.h"
#include "ui/theme.h"

#include <QApplication>
#include <QStatusBar>
#include <QTimer>
#include <cstdio>

namespace {

// Leaves time for the first layout and paint before grabbing (a window shown under Xvfb is
// exposed asynchronously).
constexpr int kScreenshotDelayMs = 500;

void schedule_screenshot(binvit::ui::MainWindow* window, const QString& file) {
  QTimer::singleShot(kScreenshotDelayMs, window, [window, file] {
    const bool saved = window->grab().save(file, "PNG");
    if (!saved) std::fprintf(stderr, "binvit-studio: cannot write %s\n", qPrintable(file));
    // exit(), not close(): a screenshot must not overwrite the user's saved window layout.
    QCoreApplication::exit(saved ? 0 : 1);
  });
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("BinViT"));
  QApplication::setApplicationName(QStringLiteral("BinViT Studio"));
  QApplication::setApplicationVersion(QStringLiteral(BINVIT_VERSION));
  QGuiApplication::setDesktopFileName(QStringLiteral("binvit-studio"));
  binvit::ui::init_resources();
  QApplication::setWindowIcon(binvit::ui::app_icon());

  // The saved language first, so that --help is already translated.
  binvit::ui::install_translations(binvit::ui::saved_language());
  QString error;
  const auto options = binvit::ui::StartupOptions::parse(QApplication::arguments(), &error);
  if (!options) {
    std::fprintf(stderr, "binvit-studio: %s\n", qPrintable(error));
    return 2;
  }
  if (!options->language.isEmpty()) binvit::ui::install_translations(options->language);
  binvit::ui::apply_theme(options->theme.value_or(binvit::ui::saved_theme()));

  binvit::ui::MainWindow window;
  if (!options->screenshot_file.isEmpty() || !options->screenshot_folder.isEmpty()) {
    window.reset_layout();  // the same picture whatever layout the user saved
    window.statusBar()->clearMessage();
  }
  if (options->page_index >= 0) window.show_page(options->page_index);
  window.show();
  if (!options->open_path.isEmpty()) {
    window.open_for_inspection(options->open_path);
    if (!options->screenshot_file.isEmpty()) {
      QObject::connect(
          &window, &binvit::ui::MainWindow::inspection_opened, &window,
          [&window, file = options->screenshot_file, path = options->open_path](bool opened) {
            if (opened) return schedule_screenshot(&window, file);
            std::fprintf(stderr, "binvit-studio: cannot inspect %s\n", qPrintable(path));
            QCoreApplication::exit(1);
          },
          Qt::SingleShotConnection);
    }
  } else if (!options->screenshot_file.isEmpty()) {
    schedule_screenshot(&window, options->screenshot_file);
  }
  if (!options->screenshot_folder.isEmpty()) {
    auto* tour = new binvit::ui::ScreenshotTour(&window, options->screenshot_folder, &window);
    QObject::connect(
        tour, &binvit::ui::ScreenshotTour::finished, &window, [](bool ok, const QString& message) {
          std::fprintf(ok ? stdout : stderr, "binvit-studio: %s\n", qPrintable(message));
          // exit(), not close(): the demo must not overwrite the user's saved layout.
          QCoreApplication::exit(ok ? 0 : 1);
        });
    QTimer::singleShot(kScreenshotDelayMs, tour, &binvit::ui::ScreenshotTour::start);
  }
  return QApplication::exec();
}
