#include "ui/startup_options.h"

#include "ui/language.h"

#include <QCommandLineParser>

namespace binvit::ui {

std::optional<StartupOptions> StartupOptions::parse(const QStringList& arguments, QString* error) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      tr("Train, inspect, export and benchmark binarized Vision Transformers."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      tr("Render the main window to the PNG <file> once it is shown, then exit."), tr("file"));
  const QCommandLineOption screenshots(
      QStringLiteral("screenshots"),
      tr("Run a short demo session (a few hundred Fashion-MNIST images: data, model, training, "
         "inspection, export and benchmark), render every page to a PNG in <folder>, then exit."),
      tr("folder"));
  const QCommandLineOption page(QStringLiteral("page"),
                                tr("Open page <n>: 1 Data, 2 Model, 3 Train, 4 Inspect, "
                                   "5 Export & Benchmark."),
                                tr("n"));
  const QCommandLineOption language(
      QStringLiteral("language"),
      tr("Use <code> (en or zh_CN) for this run without changing the saved setting."), tr("code"));
  const QCommandLineOption theme(
      QStringLiteral("theme"),
      tr("Use the light or dark <theme> for this run without changing the saved setting."),
      tr("theme"));
  parser.addOptions({screenshot, screenshots, page, language, theme});
  parser.addPositionalArgument(
      QStringLiteral("run"),
      tr("A run folder or checkpoint (.pt) to open in the Inspect page with its first test image."),
      tr("[run]"));
  parser.process(arguments);

  StartupOptions options;
  const QStringList positional = parser.positionalArguments();
  if (positional.size() > 1) {
    *error = tr("expected at most one run folder or checkpoint, got %1.").arg(positional.size());
    return std::nullopt;
  }
  if (!positional.isEmpty()) options.open_path = positional.first();
  options.screenshot_file = parser.value(screenshot);
  options.screenshot_folder = parser.value(screenshots);
  if (parser.isSet(page)) {
    bool is_number = false;
    const int number = parser.value(page).toInt(&is_number);
    if (!is_number || number < 1 || number > 5) {
      *error = tr("--page expects a number from 1 to 5, not \"%1\".").arg(parser.value(page));
      return std::nullopt;
    }
    options.page_index = number - 1;
  }
  if (parser.isSet(language)) {
    options.language = parser.value(language);
    if (!supported_languages().contains(options.language)) {
      *error = tr("--language expects one of: %1.").arg(supported_languages().join(", "));
      return std::nullopt;
    }
  }
  if (parser.isSet(theme)) {
    Theme chosen = Theme::Light;
    if (!parse_theme(parser.value(theme), &chosen)) {
      *error = tr("--theme expects light or dark, not \"%1\".").arg(parser.value(theme));
      return std::nullopt;
    }
    options.theme = chosen;
  }
  return options;
}

}  // namespace binvit::ui
