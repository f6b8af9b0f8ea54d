#include "ui/about_dialog.h"

#include "ui/resources.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace binvit::ui {
namespace {

constexpr int kIconSize = 96;

QLabel* create_label(const QString& text, const QString& object_name) {
  auto* label = new QLabel(text);
  label->setObjectName(object_name);
  label->setTextFormat(Qt::PlainText);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("aboutDialog"));
  setWindowTitle(tr("About BinViT Studio"));

  auto* icon = new QLabel;
  icon->setPixmap(app_icon().pixmap(kIconSize, kIconSize));
  icon->setAlignment(Qt::AlignTop);

  // The product name is a name, not a phrase: it stays the same in every language.
  QLabel* name = create_label(QStringLiteral("BinViT Studio"), QStringLiteral("aboutName"));
  QFont name_font = name->font();
  name_font.setPointSizeF(name_font.pointSizeF() * 1.5);
  name_font.setBold(true);
  name->setFont(name_font);

  // Qt can be updated under a built program, so both versions are worth reporting in bug reports.
  auto* text = new QVBoxLayout;
  text->addWidget(name);
  text->addWidget(create_label(tr("Version %1").arg(QStringLiteral(BINVIT_VERSION)),
                               QStringLiteral("aboutVersion")));
  text->addWidget(create_label(tr("Built with Qt %1, running on Qt %2")
                                   .arg(QStringLiteral(QT_VERSION_STR), QString(qVersion())),
                               QStringLiteral("aboutQtVersion")));
  text->addSpacing(8);
  text->addWidget(create_label(
      tr("BinViT Studio trains, inspects, exports and benchmarks binarized Vision Transformers "
         "(GSB and BHViT). It shows what general-purpose tools do not: the attention of every "
         "layer and head, the float teacher next to the binary student, and the internals of "
         "binarization. Trained models export to a compact packed format that runs without "
         "LibTorch."),
      QStringLiteral("aboutDescription")));
  text->addStretch();

  auto* body = new QHBoxLayout;
  body->setSpacing(20);
  body->addWidget(icon);
  body->addLayout(text, 1);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(body);
  layout->addWidget(buttons);
  setMinimumWidth(520);
}

}  // namespace binvit::ui
