#include "ui/workers/json_text.h"

#include <QJsonDocument>

namespace binvit::ui {

QJsonObject parse_json_object(const QString& text) {
  return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString json_object_text(const QJsonObject& object) {
  return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

}  // namespace binvit::ui
