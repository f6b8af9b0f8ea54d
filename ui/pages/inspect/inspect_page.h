#pragma once
// The Inspect page of the main window. For now it states what it will offer; its tools arrive
// as the core layers they drive are finished.

#include "ui/pages/page.h"

namespace binvit::ui {

class StudioSession;

class InspectPage : public Page {
  Q_OBJECT

 public:
  explicit InspectPage(StudioSession* session, QWidget* parent = nullptr);

  QString title() const override;
  QString summary() const override;
  QIcon icon() const override;
};

}  // namespace binvit::ui
