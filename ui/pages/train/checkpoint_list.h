#pragma once
// The checkpoints of one run, grouped by stage (last, previous, best), with size and time.
// Selecting one makes it the session's checkpoint for Inspect and Export.

#include <QString>
#include <QTreeWidget>

namespace binvit::ui {

class CheckpointList : public QTreeWidget {
  Q_OBJECT

 public:
  explicit CheckpointList(QWidget* parent = nullptr);

  // Lists <folder>/checkpoints/<stage>/*.pt; stages in the order they were first written.
  void show_run(const QString& folder);
  int checkpoint_count() const;

 signals:
  void checkpoint_chosen(const QString& path);

 private:
  QString folder_;
};

}  // namespace binvit::ui
