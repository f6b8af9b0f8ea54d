#include "ui/pages/export/export_page.h"

#include <QVBoxLayout>

namespace binvit::ui {

ExportPage::ExportPage(StudioSession* session, QWidget* parent) : Page(parent) {
  Q_UNUSED(session);
  setObjectName(QStringLiteral("exportPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("This page will export a trained model to the packed .bvit format in one click, "
         "verify the packed engine against the training model (bit-exact binary products, "
         "logit difference, top-1 agreement), and benchmark it side by side with float "
         "LibTorch: median and p90 latency, images per second, memory, size on disk and "
         "accuracy difference, with charts and a saved report."));
  layout->addStretch();
}

QString ExportPage::title() const { return tr("Export & Benchmark"); }

QString ExportPage::summary() const {
  return tr("Export to the packed format, verify it and benchmark it against the float model");
}

QIcon ExportPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-export.svg")); }

}  // namespace binvit::ui
