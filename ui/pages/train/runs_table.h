#pragma once
// Every run under a runs folder side by side: recipe, model, epochs, learning rate, the top-1 of
// every stage, whether it completed, when it started. Read in the background from each run's
// config.json, manifest.json and reports/outcome.json; double-click a run to open it.

#include <QString>
#include <QWidget>

class QLineEdit;
class QTableWidget;

namespace binvit::ui {

class RunsTable : public QWidget {
  Q_OBJECT

 public:
  explicit RunsTable(QWidget* parent = nullptr);

  QString root() const;
  void set_root(const QString& root);
  void refresh();
  int run_count() const;
  QTableWidget* table() const { return table_; }

 signals:
  void run_chosen(const QString& folder);
  // The user typed or browsed to another runs folder.
  void root_edited(const QString& root);
  void refreshed();

 private:
  QLineEdit* root_ = nullptr;
  QTableWidget* table_ = nullptr;
};

}  // namespace binvit::ui
