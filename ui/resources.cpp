#include "ui/resources.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void init_binvit_qrc() { Q_INIT_RESOURCE(binvit); }

namespace binvit::ui {

void init_resources() {
  static const bool initialized = [] {
    init_binvit_qrc();
    return true;
  }();
  (void)initialized;
}

QIcon app_icon() {
  init_resources();
  return QIcon(QStringLiteral(":/icons/binvit-studio.svg"));
}

}  // namespace binvit::ui
