#include "ui/pages/model/model_page.h"

#include <QVBoxLayout>

namespace binvit::ui {

ModelPage::ModelPage(QWidget* parent) : Page(parent) {
  setObjectName(QStringLiteral("modelPage"));
  QVBoxLayout* layout = create_page_layout(
      tr("This page will let you pick a model family and preset (GSB and BHViT binary "
         "transformers, the binary DeiT baseline and the float DeiT teacher), edit its "
         "hyperparameters, and see a summary table per layer type: output shape, parameters, "
         "bit width, FLOPs, BOPs, OPs (FLOPs + BOPs/64) and bytes, with totals and the size of "
         "the packed model."));
  layout->addStretch();
}

QString ModelPage::title() const { return tr("Model"); }

QString ModelPage::summary() const {
  return tr("Choose a model and preset, edit its hyperparameters and see its per-layer costs");
}

QIcon ModelPage::icon() const { return QIcon(QStringLiteral(":/icons/nav-model.svg")); }

}  // namespace binvit::ui
