#include "ui/pages/inspect/inspect_page.h"

#include <QVBoxLayout>

namespace binvit::ui {

InspectPage::InspectPage(StudioSession* session, QWidget* parent) : Page(parent) {
  Q_UNUSED(session);
  setObjectName(QStringLiteral("inspectPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("This page will look inside a trained binarized transformer: attention maps for every "
         "layer and head, class-token and per-patch views, attention rollout, the float "
         "teacher next to the binary student on the same image, the GSB components of "
         "attention and values, the learned scales, the share of +1 in binary weights and "
         "activations, and latent-weight histograms. It will also evaluate the model with "
         "top-1 and top-5 accuracy, a confusion matrix and a prediction grid, and show "
         "segmentation outputs as colour overlays."));
  layout->addStretch();
}

QString InspectPage::title() const { return tr("Inspect"); }

QString InspectPage::summary() const {
  return tr("Look inside a binarized transformer: attention, binarization internals, evaluation");
}

QIcon InspectPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-inspect.svg")); }

}  // namespace binvit::ui
