// The pieces of the pages that compute something: TensorBoard smoothing, CSV of tables, colour
// maps and the confusion heatmap's row shares.

#include "ui/widgets/heatmap_plot.h"
#include "ui/widgets/map_rendering.h"
#include "ui/widgets/metric_plot.h"
#include "ui/widgets/smoothing.h"
#include "ui/widgets/table_csv.h"

#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace binvit::ui;

class TestWidgets : public QObject {
  Q_OBJECT

 private slots:
  void smoothingWeightZeroIsIdentity() {
    const std::vector<double> values = {3, 1, 4, 1, 5};
    QCOMPARE(debiased_moving_average(values, 0.0), values);
  }

  void smoothingIsDebiased() {
    // weight 0.5: a_1 = 0.5 * 2 = 1, debias 1 - 0.5 = 0.5 -> 2 (not pulled towards 0);
    // a_2 = 0.5 * 1 + 0.5 * 4 = 2.5, debias 0.75 -> 3.3333.
    const std::vector<double> smoothed = debiased_moving_average({2, 4}, 0.5);
    QCOMPARE(smoothed.size(), size_t(2));
    QCOMPARE(smoothed[0], 2.0);
    QVERIFY(std::abs(smoothed[1] - 10.0 / 3.0) < 1e-12);
    // A constant series stays constant at any weight.
    for (const double v : debiased_moving_average({7, 7, 7, 7}, 0.9))
      QVERIFY(std::abs(v - 7) < 1e-12);
  }

  void smoothingPassesNonFiniteValues() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> smoothed = debiased_moving_average({1, nan, 3}, 0.5);
    QVERIFY(std::isnan(smoothed[1]));
    // The NaN does not enter the average: 1, then (0.25 + 1.5) / 0.75.
    QVERIFY(std::abs(smoothed[2] - (0.5 * 0.5 * 1 + 0.5 * 3) / 0.75) < 1e-12);
  }

  void tableCsvQuotesWhatNeedsIt() {
    QTableWidget table(2, 2);
    table.setHorizontalHeaderLabels({"name", "value"});
    table.setItem(0, 0, new QTableWidgetItem("a,b"));
    table.setItem(0, 1, new QTableWidgetItem("say \"hi\""));
    table.setItem(1, 0, new QTableWidgetItem("plain"));
    QCOMPARE(table_to_csv(table),
             QStringLiteral("name,value\n\"a,b\",\"say \"\"hi\"\"\"\nplain,\n"));
    QTemporaryDir dir;
    QVERIFY(save_table_csv(table, dir.filePath("t.csv")));
    QVERIFY(!save_table_csv(table, dir.filePath("missing/t.csv")));
  }

  void colorizeSpansTheRange() {
    const QImage image = colorize({0, 1, 2, 3}, 2, 2, ColorMap::Gray);
    QCOMPARE(image.size(), QSize(2, 2));
    QCOMPARE(image.pixelColor(0, 0), QColor(0, 0, 0));
    QCOMPARE(image.pixelColor(1, 1), QColor(255, 255, 255));
    QCOMPARE(map_color(ColorMap::Viridis, 0.0), QColor(68, 1, 84));
    // Too few values for the size: nothing drawn rather than reading past the end.
    QVERIFY(colorize({1, 2}, 2, 2, ColorMap::Gray).isNull());
  }

  void confusionHeatmapShowsRowShares() {
    HeatmapPlot plot;
    plot.set_confusion({{3, 1}, {0, 4}}, {"cat", "dog"});
    QCOMPARE(plot.rows(), 2);
    QCOMPARE(plot.value(0, 0), 75.0);
    QCOMPARE(plot.value(0, 1), 25.0);
    QCOMPARE(plot.value(1, 1), 100.0);
  }

  void metricPlotExportsPoints() {
    MetricPlot plot("loss", "value");
    plot.add_series("loss", "loss");
    plot.add_point("loss", 1, 2.0);
    plot.add_point("loss", 2, 4.0);
    plot.add_stage_marker(0, "teacher");
    QCOMPARE(plot.point_count("loss"), 2);
    plot.set_log_scale(true);
    QVERIFY(plot.log_scale());
    QTemporaryDir dir;
    QVERIFY(plot.save_csv(dir.filePath("p.csv")));
    QFile csv(dir.filePath("p.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("series,x,value,smoothed"));
    QVERIFY(lines[1].startsWith(QStringLiteral("loss,1,2,")));
    plot.resize(400, 300);
    QVERIFY(plot.save_png(dir.filePath("p.png")));
    QVERIFY(QImage(dir.filePath("p.png")).width() >= 400);
    plot.clear();
    QCOMPARE(plot.point_count("loss"), 0);
  }
};

QTEST_MAIN(TestWidgets)
#include "test_widgets.moc"
