#pragma once
// The application's message dialogs: non-modal (the window keeps running, a long job keeps
// reporting), deleted when closed, and named so tests and screenshots can find them.

#include <QMessageBox>
#include <QString>

namespace binvit::ui {

QMessageBox* show_message_box(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                              const QString& text, const QString& object_name);

}  // namespace binvit::ui
