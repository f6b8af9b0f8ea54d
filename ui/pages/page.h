#pragma once
// One page of the main window's left navigation. A page names itself and supplies its icon, so
// MainWindow only registers pages and never grows with their contents.

#include <QIcon>
#include <QString>
#include <QWidget>

class QVBoxLayout;

namespace binvit::ui {

class Page : public QWidget {
  Q_OBJECT

 public:
  using QWidget::QWidget;

  // Shown in the navigation and as the page heading.
  virtual QString title() const = 0;
  // One line for the navigation tooltip.
  virtual QString summary() const = 0;
  virtual QIcon icon() const = 0;

 protected:
  // Lays out the heading every page starts with (title, then a descriptive paragraph) and returns
  // the layout for the rest of the page. Called from the subclass constructor, where title()
  // already resolves to the subclass.
  QVBoxLayout* create_page_layout(const QString& description);
};

}  // namespace binvit::ui
