#include "ui/pages/data/data_page.h"

#include <QVBoxLayout>

namespace binvit::ui {

DataPage::DataPage(QWidget* parent) : Page(parent) {
  setObjectName(QStringLiteral("dataPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("This page will import image datasets: folder-per-class trees, CSV lists of path and "
         "label, MNIST and Fashion-MNIST IDX files, CIFAR-10 and CIFAR-100 binaries, Oxford "
         "Flowers-102, Chaoyang, and image/mask pairs for segmentation. It will make a seeded, "
         "stratified validation split and show the class counts, a thumbnail grid and an "
         "augmentation preview that passes one image through the training transforms several "
         "times."));
  layout->addStretch();
}

QString DataPage::title() const { return tr("Data"); }

QString DataPage::summary() const {
  return tr("Import datasets, split them, and preview samples and augmentations");
}

QIcon DataPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-data.svg")); }

}  // namespace binvit::ui
