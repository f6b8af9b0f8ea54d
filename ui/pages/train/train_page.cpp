#include "ui/pages/train/train_page.h"

#include <QVBoxLayout>

namespace binvit::ui {

TrainPage::TrainPage(QWidget* parent) : Page(parent) {
  setObjectName(QStringLiteral("trainPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("This page will edit the training recipe (float teacher, stage 1, stage 2, or BHViT "
         "with knowledge distillation and its regulariser phase), preview the learning-rate "
         "schedule, and start, pause, resume and stop training. It will show progress with the "
         "time left, live loss, accuracy and learning-rate curves with the stage boundaries "
         "marked, the checkpoints of each stage, and a table that compares runs side by side."));
  layout->addStretch();
}

QString TrainPage::title() const { return tr("Train"); }

QString TrainPage::summary() const {
  return tr("Edit the training recipe, run it and follow live curves");
}

QIcon TrainPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-train.svg")); }

}  // namespace binvit::ui
