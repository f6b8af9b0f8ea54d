#include "ui/widgets/message_box.h"

namespace binvit::ui {

QMessageBox* show_message_box(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                              const QString& text, const QString& object_name) {
  auto* box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
  box->setObjectName(object_name);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
  return box;
}

}  // namespace binvit::ui
