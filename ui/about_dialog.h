#pragma once
// Help > About BinViT Studio: what the application is, its version and the Qt it runs on.

#include <QDialog>

namespace binvit::ui {

class AboutDialog : public QDialog {
  Q_OBJECT

 public:
  explicit AboutDialog(QWidget* parent = nullptr);
};

}  // namespace binvit::ui
