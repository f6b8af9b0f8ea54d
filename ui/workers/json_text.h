#pragma once
// JSON crossing from the core (nlohmann) to Qt values, as text in between: the ui headers stay
// free of core headers, and a metrics record reaches a plot as a QJsonObject.

#include <QJsonObject>
#include <QString>

namespace binvit::ui {

// Parses a JSON object; an empty object for anything else.
QJsonObject parse_json_object(const QString& text);
QString json_object_text(const QJsonObject& object);

}  // namespace binvit::ui
