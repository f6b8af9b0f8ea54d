#include "ui/main_window.h"

#include "ui/about_dialog.h"
#include "ui/language.h"
#include "ui/pages/data/data_page.h"
#include "ui/pages/export/export_page.h"
#include "ui/pages/inspect/inspect_page.h"
#include "ui/pages/model/model_page.h"
#include "ui/pages/page.h"
#include "ui/pages/train/recipe_editor.h"
#include "ui/pages/train/train_page.h"
#include "ui/resources.h"
#include "ui/settings/settings_dialog.h"
#include "ui/studio_session.h"
#include "ui/widgets/message_box.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTime>
#include <algorithm>

namespace binvit::ui {
namespace {

constexpr char kGeometryKey[] = "mainWindow/geometry";
constexpr char kStateKey[] = "mainWindow/state";
constexpr char kPageKey[] = "mainWindow/page";
// Bump when docks or toolbars change, so restoreState() ignores layouts saved by older versions.
constexpr int kLayoutVersion = 1;
constexpr QSize kDefaultSize(1200, 760);
constexpr int kNavigationIconSize = 24;
constexpr int kNavigationRowHeight = 36;
// Icon margin, icon-to-text gap and right margin of a navigation row, in pixels.
constexpr int kNavigationPadding = 40;
constexpr int kNavigationSpacing = 6;
constexpr int kDefaultLogHeight = 110;
// Keeps a long session's log from growing without bound.
constexpr int kMaxLogLines = 20000;

// A menu action's text treats '&' as a mnemonic marker; a page title shows it literally.
QString escape_mnemonic(QString text) {
  return text.replace(QLatin1Char('&'), QLatin1String("&&"));
}

// The page icons are drawn in a blue close to the selection colour, so on the selected row they
// would vanish; the selected mode gets copies painted in the highlighted-text colour. (An SVG
// icon keeps one added pixmap per mode, so the result is built from pixmaps at both scales.)
QIcon navigation_icon(const QIcon& svg_icon, const QColor& selected_color) {
  QIcon icon;
  for (const int scale : {1, 2}) {  // 2: high-DPI screens
    const int size = kNavigationIconSize * scale;
    const QPixmap normal = svg_icon.pixmap(size, size);
    QPixmap selected = normal;
    QPainter painter(&selected);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(selected.rect(), selected_color);
    painter.end();
    icon.addPixmap(normal, QIcon::Normal);
    icon.addPixmap(selected, QIcon::Selected);
  }
  return icon;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  init_resources();
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(QStringLiteral("BinViT Studio"));  // a product name, the same in every language
  setWindowIcon(app_icon());
  setCentralWidget(create_central_widget());
  create_log_dock();
  create_file_menu();
  create_view_menu();
  session_ = new StudioSession(this);
  connect(session_, &StudioSession::log, this, &MainWindow::append_log);
  // The order is the workflow's, and gives the Ctrl+1 ... Ctrl+5 shortcuts.
  register_page(new DataPage(session_));
  register_page(new ModelPage(session_));
  train_page_ = new TrainPage(session_);
  train_page_->recipe_editor()->set_threads(saved_threads());
  register_page(train_page_);
  register_page(new InspectPage(session_));
  register_page(new ExportPage(session_));
  fit_navigation_width();
  create_settings_menu();
  create_help_menu();
  statusBar()->addWidget(new QLabel(tr("Ready")));

  resize(kDefaultSize);
  resizeDocks({log_dock_}, {kDefaultLogHeight}, Qt::Vertical);
  default_state_ = saveState(kLayoutVersion);  // what "Reset layout" returns to
  restore_layout();
  append_log(tr("BinViT Studio %1 started (Qt %2)")
                 .arg(QStringLiteral(BINVIT_VERSION), QString(qVersion())));
}

void MainWindow::open_for_inspection(const QString& checkpoint_or_run) {
  auto* inspect = find_page<InspectPage>();
  show_page(page_index<InspectPage>());
  connect(
      inspect, &InspectPage::models_loaded, this,
      [this, inspect](bool loaded) {
        if (!loaded) return emit inspection_opened(false);  // the page showed why
        connect(inspect, &InspectPage::inspected, this, &MainWindow::inspection_opened,
                Qt::SingleShotConnection);
        inspect->inspect_sample(0);
      },
      Qt::SingleShotConnection);
  inspect->load_models(checkpoint_or_run);
}

int MainWindow::page_count() const { return pages_->count(); }

Page* MainWindow::page(int index) const { return qobject_cast<Page*>(pages_->widget(index)); }

int MainWindow::current_page_index() const { return pages_->currentIndex(); }

void MainWindow::append_log(const QString& line) {
  log_view_->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

void MainWindow::show_page(int index) {
  navigation_->setCurrentRow(index >= 0 && index < page_count() ? index : 0);
}

void MainWindow::reset_layout() {
  restoreState(default_state_, kLayoutVersion);
  log_dock_->show();
  if (!isMaximized() && !isFullScreen()) resize(kDefaultSize);
  statusBar()->showMessage(tr("Layout reset"), 3000);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  save_layout();
  QMainWindow::closeEvent(event);
}

QWidget* MainWindow::create_central_widget() {
  navigation_ = new QListWidget;
  navigation_->setObjectName(QStringLiteral("navigation"));
  navigation_->setIconSize(QSize(kNavigationIconSize, kNavigationIconSize));
  navigation_->setFrameShape(QFrame::NoFrame);
  navigation_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // Space around each row keeps icons off the window edge and selected rows apart.
  navigation_->setSpacing(kNavigationSpacing);
  pages_ = new QStackedWidget;
  pages_->setObjectName(QStringLiteral("pages"));
  connect(navigation_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);

  auto* separator = new QFrame;
  separator->setFrameShape(QFrame::VLine);
  separator->setFrameShadow(QFrame::Sunken);

  auto* central = new QWidget;
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(navigation_);
  layout->addWidget(separator);
  layout->addWidget(pages_, 1);
  return central;
}

void MainWindow::register_page(Page* page) {
  const int index = pages_->addWidget(page);
  const QColor selected_color = navigation_->palette().color(QPalette::HighlightedText);
  auto* item = new QListWidgetItem(navigation_icon(page->icon(), selected_color), page->title(),
                                   navigation_);
  item->setSizeHint(QSize(0, kNavigationRowHeight));

  QString tooltip = page->summary();
  if (index < 9) {  // Ctrl+1 ... Ctrl+9
    auto* action = new QAction(escape_mnemonic(page->title()), this);
    action->setObjectName(QStringLiteral("actionShowPage%1").arg(index + 1));
    action->setIcon(page->icon());
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    connect(action, &QAction::triggered, this, [this, index] { show_page(index); });
    view_menu_->insertAction(end_of_page_actions_, action);
    tooltip += QStringLiteral(" (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
  }
  item->setToolTip(tooltip);
}

void MainWindow::fit_navigation_width() {
  // Wide enough for the longest title in the current language (the rows' size hints carry only
  // their height).
  int widest_title = 0;
  for (int row = 0; row < navigation_->count(); ++row) {
    widest_title = std::max(
        widest_title, navigation_->fontMetrics().horizontalAdvance(navigation_->item(row)->text()));
  }
  navigation_->setFixedWidth(widest_title + kNavigationIconSize + kNavigationPadding +
                             2 * kNavigationSpacing + 2 * navigation_->frameWidth());
}

void MainWindow::create_log_dock() {
  log_view_ = new QPlainTextEdit;
  log_view_->setObjectName(QStringLiteral("logView"));
  log_view_->setReadOnly(true);
  log_view_->setMaximumBlockCount(kMaxLogLines);
  log_view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

  log_dock_ = new QDockWidget(tr("Log"), this);
  log_dock_->setObjectName(QStringLiteral("logDock"));  // restoreState() matches docks by name
  log_dock_->setWidget(log_view_);
  addDockWidget(Qt::BottomDockWidgetArea, log_dock_);
}

void MainWindow::create_file_menu() {
  QMenu* menu = menuBar()->addMenu(tr("&File"));
  QAction* quit = menu->addAction(tr("&Quit"), this, &QWidget::close);  // close() saves layout
  quit->setObjectName(QStringLiteral("actionQuit"));
  quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::create_view_menu() {
  view_menu_ = menuBar()->addMenu(tr("&View"));
  end_of_page_actions_ = view_menu_->addSeparator();
  QAction* toggle_log = log_dock_->toggleViewAction();
  toggle_log->setObjectName(QStringLiteral("actionToggleLog"));
  view_menu_->addAction(toggle_log);
  QAction* reset = view_menu_->addAction(tr("&Reset Layout"), this, &MainWindow::reset_layout);
  reset->setObjectName(QStringLiteral("actionResetLayout"));
}

void MainWindow::create_settings_menu() {
  QMenu* menu = menuBar()->addMenu(tr("&Settings"));
  QAction* settings = menu->addAction(tr("&Preferences..."), this, &MainWindow::show_settings);
  settings->setObjectName(QStringLiteral("actionSettings"));
  // The platform's Preferences key is empty on most Linux desktops; Ctrl+, is the common choice.
  const QKeySequence preferences(QKeySequence::Preferences);
  settings->setShortcut(preferences.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma)
                                              : preferences);
  settings->setMenuRole(QAction::PreferencesRole);

  QMenu* language_menu = menu->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  for (const QString& code : supported_languages()) {
    QAction* action = language_menu->addAction(language_endonym(code));
    action->setObjectName(QStringLiteral("actionLanguage_") + code);
    action->setCheckable(true);
    action->setChecked(code == installed_language());
    languages->addAction(action);
    connect(action, &QAction::triggered, this, [this, code] { choose_language(code); });
  }

  QMenu* theme_menu = menu->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const std::pair<Theme, QString> theme_labels[] = {{Theme::Light, tr("&Light")},
                                                    {Theme::Dark, tr("&Dark")}};
  for (const auto& [theme, label] : theme_labels) {
    QAction* action = theme_menu->addAction(label);
    action->setObjectName(QStringLiteral("actionTheme_") + theme_name(theme));
    action->setCheckable(true);
    action->setChecked(theme == current_theme());
    themes->addAction(action);
    connect(action, &QAction::triggered, this, [this, theme = theme] { choose_theme(theme); });
  }
}

void MainWindow::create_help_menu() {
  QMenu* menu = menuBar()->addMenu(tr("&Help"));
  QAction* about = menu->addAction(tr("&About BinViT Studio"), this, &MainWindow::show_about);
  about->setObjectName(QStringLiteral("actionAbout"));
  about->setMenuRole(QAction::AboutRole);
  QAction* about_qt = menu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
  about_qt->setObjectName(QStringLiteral("actionAboutQt"));
  about_qt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::restore_layout() {
  const QSettings settings;
  restoreGeometry(settings.value(kGeometryKey).toByteArray());  // no-op on first start
  restoreState(settings.value(kStateKey).toByteArray(), kLayoutVersion);
  show_page(settings.value(kPageKey, 0).toInt());
}

void MainWindow::save_layout() const {
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState(kLayoutVersion));
  settings.setValue(kPageKey, current_page_index());
}

void MainWindow::choose_language(const QString& code) {
  save_language(code);
  if (code == installed_language()) return;
  append_log(tr("Language set to %1; it applies when BinViT Studio restarts.")
                 .arg(language_endonym(code)));
  show_message_box(
      this, QMessageBox::Information, tr("Language"),
      tr("BinViT Studio will use %1 after you restart it.").arg(language_endonym(code)),
      QStringLiteral("languageRestartMessage"));
}

void MainWindow::choose_theme(Theme theme) {
  apply_theme(theme);
  save_theme(theme);
  append_log(theme == Theme::Dark ? tr("Dark theme applied") : tr("Light theme applied"));
}

void MainWindow::show_settings() {
  auto* dialog = new SettingsDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &SettingsDialog::threads_changed, this, [this](int threads) {
    train_page_->recipe_editor()->set_threads(threads);
    append_log(tr("Threads set to %1").arg(threads));
  });
  connect(dialog, &SettingsDialog::reset_layout_requested, this, &MainWindow::reset_layout);
  dialog->open();
}

void MainWindow::show_about() {
  auto* dialog = new AboutDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

}  // namespace binvit::ui
