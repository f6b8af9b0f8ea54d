#pragma once
// The application window: a left navigation over the pages, a log dock, menus and a status bar.
// Pages live in ui/pages/ and are only registered here, so this class stays a thin frame.

#include "ui/theme.h"

#include <QByteArray>
#include <QMainWindow>

class QDockWidget;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QStackedWidget;

namespace binvit::ui {

class Page;
class StudioSession;
class TrainPage;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  int page_count() const;
  Page* page(int index) const;
  int current_page_index() const;
  // The index of the first page of type PageType, or -1.
  template <typename PageType>
  int page_index() const {
    for (int i = 0; i < page_count(); ++i) {
      if (qobject_cast<PageType*>(page(i)) != nullptr) return i;
    }
    return -1;
  }
  template <typename PageType>
  PageType* find_page() const {
    const int index = page_index<PageType>();
    return index < 0 ? nullptr : static_cast<PageType*>(page(index));
  }
  StudioSession* session() const { return session_; }
  // Appends a timestamped line to the log pane.
  void append_log(const QString& line);
  // Shows the Inspect page with the models of a run folder or checkpoint and its first test
  // image; inspection_opened reports the outcome (errors are also shown in a dialog).
  void open_for_inspection(const QString& checkpoint_or_run);

 signals:
  void inspection_opened(bool ok);

 public slots:
  // Out-of-range indexes show the first page (a stale setting must not leave the window blank).
  void show_page(int index);
  // Docks back where they start, log visible, default window size.
  void reset_layout();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  QWidget* create_central_widget();
  void register_page(Page* page);
  void fit_navigation_width();
  void create_log_dock();
  void create_file_menu();
  void create_view_menu();
  void create_settings_menu();
  void create_help_menu();
  void restore_layout();
  void save_layout() const;
  void choose_language(const QString& code);
  void choose_theme(Theme theme);
  void show_about();
  void show_settings();

  QListWidget* navigation_ = nullptr;
  QStackedWidget* pages_ = nullptr;
  QDockWidget* log_dock_ = nullptr;
  QPlainTextEdit* log_view_ = nullptr;
  QMenu* view_menu_ = nullptr;
  QAction* end_of_page_actions_ = nullptr;  // View menu separator the page actions go before
  QByteArray default_state_;
  StudioSession* session_ = nullptr;
  TrainPage* train_page_ = nullptr;
};

}  // namespace binvit::ui
