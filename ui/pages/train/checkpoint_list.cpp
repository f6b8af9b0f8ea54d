#include "ui/pages/train/checkpoint_list.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>

namespace binvit::ui {

CheckpointList::CheckpointList(QWidget* parent) : QTreeWidget(parent) {
  setObjectName(QStringLiteral("checkpointList"));
  setColumnCount(4);
  setHeaderLabels({tr("Checkpoint"), tr("Size"), tr("Written"), tr("Path")});
  header()->setStretchLastSection(true);
  setToolTip(tr("Select a checkpoint to inspect or export it"));
  connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item != nullptr && !item->text(3).isEmpty()) emit checkpoint_chosen(item->text(3));
  });
}

void CheckpointList::show_run(const QString& folder) {
  folder_ = folder;
  clear();
  const QDir checkpoints(folder + QStringLiteral("/checkpoints"));
  const QFileInfoList stages =
      checkpoints.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time | QDir::Reversed);
  for (const QFileInfo& stage : stages) {
    auto* stage_item = new QTreeWidgetItem(this, {stage.fileName()});
    const QFileInfoList files =
        QDir(stage.absoluteFilePath())
            .entryInfoList({QStringLiteral("*.pt")}, QDir::Files, QDir::Name);
    for (const QFileInfo& file : files) {
      new QTreeWidgetItem(stage_item,
                          {file.fileName(), QLocale().formattedDataSize(file.size(), 1),
                           file.lastModified().toString(Qt::ISODate), file.absoluteFilePath()});
    }
    stage_item->setExpanded(true);
  }
  resizeColumnToContents(0);
}

int CheckpointList::checkpoint_count() const {
  int count = 0;
  for (int i = 0; i < topLevelItemCount(); ++i) count += topLevelItem(i)->childCount();
  return count;
}

}  // namespace binvit::ui
