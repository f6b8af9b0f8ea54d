// The main window shell: pages and navigation, About dialog, layout persistence, themes,
// translations, and a rendering of every page. Runs offscreen (QT_QPA_PLATFORM=offscreen).

#include "ui/about_dialog.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/pages/page.h"
#include "ui/resources.h"
#include "ui/startup_options.h"
#include "ui/theme.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <algorithm>

using binvit::ui::MainWindow;

namespace {

const QStringList kEnglishTitles = {"Data", "Model", "Train", "Inspect", "Export & Benchmark"};

QListWidget* navigation_of(const MainWindow& window) {
  return window.findChild<QListWidget*>(QStringLiteral("navigation"));
}

QStackedWidget* pages_of(const MainWindow& window) {
  return window.findChild<QStackedWidget*>(QStringLiteral("pages"));
}

QAction* action_of(const MainWindow& window, const QString& name) {
  return window.findChild<QAction*>(name);
}

// Every user-visible string of a window, in a fixed order: menus, actions, labels, docks and
// navigation items with their tooltips.
QStringList visible_texts(const MainWindow& window) {
  QStringList texts;
  for (const QMenu* menu : window.findChildren<QMenu*>()) texts << menu->title();
  for (const QAction* action : window.findChildren<QAction*>()) texts << action->text();
  for (const QLabel* label : window.findChildren<QLabel*>()) texts << label->text();
  for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) texts << dock->windowTitle();
  const QListWidget* navigation = navigation_of(window);
  for (int row = 0; row < navigation->count(); ++row) {
    texts << navigation->item(row)->text() << navigation->item(row)->toolTip();
  }
  return texts;
}

bool has_latin_letters(const QString& text) {
  return std::any_of(text.begin(), text.end(),
                     [](QChar c) { return c.unicode() < 128 && c.isLetter(); });
}

// Rendering something means more than one colour: an empty window is a single flat fill.
bool has_several_colours(const QImage& image) {
  const QRgb first = image.pixel(0, 0);
  for (int y = 0; y < image.height(); y += 3) {
    for (int x = 0; x < image.width(); x += 3) {
      if (image.pixel(x, y) != first) return true;
    }
  }
  return false;
}

// The offscreen platform plugin warns about every top-level window it cannot resize to its size
// hints; the warning says nothing about our code, so it is dropped to keep failures visible.
QtMessageHandler qtest_message_handler = nullptr;

void drop_offscreen_noise(QtMsgType type, const QMessageLogContext& context,
                          const QString& message) {
  if (message.contains(QStringLiteral("does not support propagateSizeHints"))) return;
  qtest_message_handler(type, context, message);
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // Never touch the real user's settings: test-mode standard paths, a private org name and
    // QSettings files in a temporary folder.
    QVERIFY(settings_dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_dir_.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_dir_.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BinViT-Test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_ui"));
    binvit::ui::init_resources();
    qtest_message_handler = qInstallMessageHandler(drop_offscreen_noise);
  }

  void cleanupTestCase() { qInstallMessageHandler(qtest_message_handler); }

  void init() {
    QSettings().clear();
    binvit::ui::remove_translations();
    binvit::ui::apply_theme(binvit::ui::Theme::Light);
  }

  void settingsStayInTemporaryFolder() {
    QVERIFY2(QSettings().fileName().startsWith(settings_dir_.path()),
             qPrintable(QSettings().fileName()));
  }

  void hasFivePagesWithTitles() {
    MainWindow window;
    QCOMPARE(window.page_count(), kEnglishTitles.size());
    const QListWidget* navigation = navigation_of(window);
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), kEnglishTitles.size());
    for (int i = 0; i < window.page_count(); ++i) {
      QVERIFY(window.page(i));
      QCOMPARE(window.page(i)->title(), kEnglishTitles[i]);
      QCOMPARE(navigation->item(i)->text(), kEnglishTitles[i]);
      QVERIFY(!navigation->item(i)->icon().isNull());
      QVERIFY(!navigation->item(i)->toolTip().isEmpty());
      const auto* heading = window.page(i)->findChild<QLabel*>(QStringLiteral("pageTitle"));
      QVERIFY(heading);
      QCOMPARE(heading->text(), kEnglishTitles[i]);
      const auto* description =
          window.page(i)->findChild<QLabel*>(QStringLiteral("pageDescription"));
      QVERIFY(description);
      QVERIFY(description->text().size() > 100);
    }
  }

  void navigationSwitchesPages() {
    MainWindow window;
    QListWidget* navigation = navigation_of(window);
    QStackedWidget* pages = pages_of(window);
    QVERIFY(pages);
    for (int i = window.page_count() - 1; i >= 0; --i) {
      navigation->setCurrentRow(i);
      QCOMPARE(pages->currentIndex(), i);
      QCOMPARE(pages->currentWidget(), window.page(i));
      QCOMPARE(window.current_page_index(), i);
    }
    window.show_page(99);  // a stale saved index falls back to the first page
    QCOMPARE(window.current_page_index(), 0);
  }

  void ctrlDigitShortcutsSwitchPages() {
    MainWindow window;
    for (int i = 0; i < window.page_count(); ++i) {
      QAction* action = action_of(window, QStringLiteral("actionShowPage%1").arg(i + 1));
      QVERIFY(action);
      QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
      action->trigger();
      QCOMPARE(pages_of(window)->currentIndex(), i);
    }
  }

  void everyDockAndToolbarHasAnObjectName() {
    MainWindow window;
    const auto docks = window.findChildren<QDockWidget*>();
    QVERIFY(!docks.isEmpty());
    for (const QDockWidget* dock : docks) QVERIFY(!dock->objectName().isEmpty());
    for (const QToolBar* toolbar : window.findChildren<QToolBar*>()) {
      QVERIFY(!toolbar->objectName().isEmpty());
    }
    const auto* log_dock = window.findChild<QDockWidget*>(QStringLiteral("logDock"));
    QVERIFY(log_dock);
    const auto* log_view = log_dock->findChild<QPlainTextEdit*>(QStringLiteral("logView"));
    QVERIFY(log_view);
    QVERIFY(log_view->isReadOnly());
    QVERIFY(log_view->toPlainText().contains(QStringLiteral(BINVIT_VERSION)));
  }

  void aboutDialogShowsVersions() {
    MainWindow window;
    window.show();
    QAction* about = action_of(window, QStringLiteral("actionAbout"));
    QVERIFY(about);
    about->trigger();
    auto* dialog = window.findChild<binvit::ui::AboutDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const auto* version = dialog->findChild<QLabel*>(QStringLiteral("aboutVersion"));
    QVERIFY(version);
    QVERIFY(version->text().contains(QStringLiteral(BINVIT_VERSION)));
    const auto* qt_version = dialog->findChild<QLabel*>(QStringLiteral("aboutQtVersion"));
    QVERIFY(qt_version);
    QVERIFY(qt_version->text().contains(QString(qVersion())));
    const auto* description = dialog->findChild<QLabel*>(QStringLiteral("aboutDescription"));
    QVERIFY(description);
    QVERIFY(description->text().size() > 100);
    if (qEnvironmentVariableIsSet("BINVIT_SCREENSHOT_DIR")) {
      dialog->grab().save(QDir(qEnvironmentVariable("BINVIT_SCREENSHOT_DIR"))
                              .filePath(QStringLiteral("about.png")));
    }
    dialog->close();
  }

  void layoutPersistsAcrossSessions() {
    const QSize size(900, 640);
    {
      MainWindow window;
      window.show();
      window.resize(size);
      window.show_page(3);
      window.findChild<QDockWidget*>(QStringLiteral("logDock"))->hide();
      QVERIFY(window.close());
    }
    MainWindow restored;
    restored.show();
    QCOMPARE(restored.size(), size);
    QCOMPARE(restored.current_page_index(), 3);
    QVERIFY(restored.findChild<QDockWidget*>(QStringLiteral("logDock"))->isHidden());
  }

  void resetLayoutShowsLogAgain() {
    MainWindow window;
    window.show();
    auto* log_dock = window.findChild<QDockWidget*>(QStringLiteral("logDock"));
    log_dock->hide();
    window.resize(700, 500);
    action_of(window, QStringLiteral("actionResetLayout"))->trigger();
    QVERIFY(log_dock->isVisible());
    QVERIFY(window.width() > 700);
  }

  void darkThemeDarkensAndPersists() {
    MainWindow window;
    window.show();
    QAction* dark = action_of(window, QStringLiteral("actionTheme_dark"));
    QVERIFY(dark);
    dark->trigger();
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    // Widgets take the application palette from a queued event.
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 100);
    QVERIFY(window.palette().color(QPalette::WindowText).lightness() > 155);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QCOMPARE(binvit::ui::saved_theme(), binvit::ui::Theme::Dark);

    action_of(window, QStringLiteral("actionTheme_light"))->trigger();
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 155);
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() > 155);
    QCOMPARE(binvit::ui::saved_theme(), binvit::ui::Theme::Light);
  }

  void languageChoicePersistsAndAsksForRestart() {
    MainWindow window;
    window.show();
    QAction* chinese = action_of(window, QStringLiteral("actionLanguage_zh_CN"));
    QVERIFY(chinese);
    QCOMPARE(chinese->text(), QStringLiteral("简体中文"));
    chinese->trigger();
    QCOMPARE(binvit::ui::saved_language(), QStringLiteral("zh_CN"));
    auto* message = window.findChild<QMessageBox*>(QStringLiteral("languageRestartMessage"));
    QVERIFY(message);
    QTRY_VERIFY(message->isVisible());
    message->close();
  }

  void commandLineOpensOneRun() {
    QString error;
    const auto options = binvit::ui::StartupOptions::parse(
        {QStringLiteral("binvit-studio"), QStringLiteral("runs/a"), QStringLiteral("--page"),
         QStringLiteral("4")},
        &error);
    QVERIFY2(options.has_value(), qPrintable(error));
    QCOMPARE(options->open_path, QStringLiteral("runs/a"));
    QCOMPARE(options->page_index, 3);
    QVERIFY(binvit::ui::StartupOptions::parse({QStringLiteral("binvit-studio")}, &error)
                ->open_path.isEmpty());
    QVERIFY(!binvit::ui::StartupOptions::parse(
        {QStringLiteral("binvit-studio"), QStringLiteral("runs/a"), QStringLiteral("runs/b")},
        &error));
    QVERIFY2(error.contains(QStringLiteral("at most one")), qPrintable(error));
  }

  void chineseTranslationLoadsFromResources() {
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/binvit_zh_CN.qm")));
    QVERIFY(binvit::ui::install_translations(QStringLiteral("zh_CN")));
    QCOMPARE(binvit::ui::installed_language(), QStringLiteral("zh_CN"));
    {
      MainWindow window;
      QCOMPARE(navigation_of(window)->item(0)->text(), QStringLiteral("数据"));
      QCOMPARE(window.page(4)->title(), QStringLiteral("导出与基准测试"));
    }
    binvit::ui::remove_translations();
    MainWindow window;
    QCOMPARE(navigation_of(window)->item(0)->text(), QStringLiteral("Data"));
  }

  // Every visible English string has a Chinese translation: the same window built in both
  // languages must differ at every text that has Latin letters, except names that are never
  // translated.
  void chineseTranslationIsComplete() {
    const QStringList untranslated_by_design = {"BinViT Studio", "English"};
    const QStringList english = visible_texts(MainWindow());
    QVERIFY(binvit::ui::install_translations(QStringLiteral("zh_CN")));
    const QStringList chinese = visible_texts(MainWindow());
    binvit::ui::remove_translations();
    QCOMPARE(chinese.size(), english.size());
    for (int i = 0; i < english.size(); ++i) {
      if (!has_latin_letters(english[i]) || untranslated_by_design.contains(english[i])) continue;
      QVERIFY2(chinese[i] != english[i], qPrintable("untranslated: " + english[i]));
    }
  }

  void everyPageRendersToPng() {
    // BINVIT_SCREENSHOT_DIR keeps the pictures for a human to look at.
    QTemporaryDir temporary;
    const QString directory = qEnvironmentVariableIsSet("BINVIT_SCREENSHOT_DIR")
                                  ? qEnvironmentVariable("BINVIT_SCREENSHOT_DIR")
                                  : temporary.path();
    QVERIFY(QDir().mkpath(directory));
    for (const auto theme : {binvit::ui::Theme::Light, binvit::ui::Theme::Dark}) {
      binvit::ui::apply_theme(theme);
      MainWindow window;
      window.resize(1200, 760);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      for (int i = 0; i < window.page_count(); ++i) {
        window.show_page(i);
        const QString file = QDir(directory).filePath(
            QStringLiteral("page%1-%2.png").arg(i + 1).arg(binvit::ui::theme_name(theme)));
        QVERIFY(window.grab().save(file, "PNG"));
        QVERIFY(QFileInfo(file).size() > 0);
        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        QVERIFY2(has_several_colours(image), qPrintable(file));
        QVERIFY2(has_several_colours(window.page(i)->grab().toImage()), qPrintable(file));
      }
    }
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
