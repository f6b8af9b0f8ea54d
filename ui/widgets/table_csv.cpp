#include "ui/widgets/table_csv.h"

#include <QFile>
#include <QStringList>
#include <QTableWidget>

namespace binvit::ui {
namespace {

// RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside.
QString csv_field(QString text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n'))) {
    return text;
  }
  text.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + text + QLatin1Char('"');
}

}  // namespace

QString table_to_csv(const QTableWidget& table) {
  QStringList lines;
  QStringList header;
  for (int c = 0; c < table.columnCount(); ++c) {
    const QTableWidgetItem* item = table.horizontalHeaderItem(c);
    header << csv_field(item != nullptr ? item->text() : QString::number(c));
  }
  lines << header.join(QLatin1Char(','));
  for (int r = 0; r < table.rowCount(); ++r) {
    QStringList cells;
    for (int c = 0; c < table.columnCount(); ++c) {
      const QTableWidgetItem* item = table.item(r, c);
      cells << csv_field(item != nullptr ? item->text() : QString());
    }
    lines << cells.join(QLatin1Char(','));
  }
  return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool save_table_csv(const QTableWidget& table, const QString& file) {
  QFile out(file);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  return out.write(table_to_csv(table).toUtf8()) >= 0;
}

}  // namespace binvit::ui
