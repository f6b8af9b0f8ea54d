#pragma once
// Icons compiled into binvit_ui from resources/binvit.qrc.

#include <QIcon>

namespace binvit::ui {

// Registers the compiled resources. binvit_ui is a static library, so the linker would drop the
// resource object's self-registering initializer; this call references it. Idempotent.
void init_resources();

QIcon app_icon();

}  // namespace binvit::ui
