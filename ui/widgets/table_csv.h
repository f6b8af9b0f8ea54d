#pragma once
// Any table widget as CSV (header row, then the cells as shown), for the tables users export.

#include <QString>

class QTableWidget;

namespace binvit::ui {

QString table_to_csv(const QTableWidget& table);
// Writes table_to_csv; false when the file cannot be written.
bool save_table_csv(const QTableWidget& table, const QString& file);

}  // namespace binvit::ui
