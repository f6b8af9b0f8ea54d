#include <torch/torch.h>

#include "core/nn/models/bhvit.h"
#include "core/nn/models/model_registry.h"
#include "tests/nn/bhvit_closed_form.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>

using namespace binvit::nn;

namespace {

double relative_difference(double a, double b) {
  return std::abs(a - b) / std::max(std::abs(b), 1.0);
}

}  // namespace

class TestBhvitSummary : public QObject {
  Q_OBJECT

 private slots:
  void rowsAddUpToTheTotalsAndEveryParameter_data() {
    QTest::addColumn<QString>("preset");
    for (const ModelPreset& preset : model_presets()) {
      const std::string family = preset.config.value("family", "");
      if (family == "bhvit" || family == "bhvit-seg") {
        QTest::newRow(preset.name.c_str()) << QString::fromStdString(preset.name);
      }
    }
  }

  void rowsAddUpToTheTotalsAndEveryParameter() {
    QFETCH(QString, preset);
    const auto config = preset_config(preset.toStdString());
    const ModelSummary s = summarize_model(config);
    int64_t parameters = 0, float_bytes = 0, packed_bytes = 0;
    double flops = 0, bops = 0;
    for (const LayerCost& row : s.layers) {
      QVERIFY2(row.parameters >= 0 && row.flops >= 0 && row.bops >= 0, row.name.c_str());
      QVERIFY2(!row.output_shape.empty(), row.name.c_str());
      parameters += row.parameters;
      flops += row.flops;
      bops += row.bops;
      float_bytes += row.float_bytes;
      packed_bytes += row.packed_bytes;
    }
    QCOMPARE(s.total_parameters(), parameters);
    QCOMPARE(s.total_flops(), flops);
    QCOMPARE(s.total_bops(), bops);
    QCOMPARE(s.total_float_bytes(), float_bytes);
    QCOMPARE(s.total_packed_bytes(), packed_bytes);
    QCOMPARE(s.total_ops(), flops + bops / 64);
    const int64_t model_parameters =
        task_of(config) == ModelTask::Segmentation
            ? count_parameters(*build_segmentation_model(config))
            : count_parameters(*build_model(config));
    QCOMPARE(parameters, model_parameters);
    QVERIFY(packed_bytes < float_bytes);
  }

  void binaryOperationsMatchTheClosedForm_data() {
    QTest::addColumn<QString>("preset");
    for (const char* name : {"bhvit-tiny", "bhvit-small", "bhvit-mini", "bhvit-mini-28",
                             "bhvit-small-fp-down"}) {
      QTest::newRow(name) << name;
    }
  }

  void binaryOperationsMatchTheClosedForm() {
    QFETCH(QString, preset);
    const BhvitConfig c = bhvit_config_from_json(preset_config(preset.toStdString()));
    const ModelSummary s = build_model(to_json(c))->summary();
    QVERIFY2(relative_difference(s.total_bops(), binvit::test::bhvit_bops(c)) < 1e-12,
             qPrintable(QString("summary %1, closed form %2")
                            .arg(s.total_bops()).arg(binvit::test::bhvit_bops(c))));
    // FLOPs: the float stem conv, the head, and the float downsampling convs when chosen.
    double flops = static_cast<double>(c.tokens(0) * c.dims[0] * c.in_channels * c.stem_patch *
                                       c.stem_patch + c.dims.back() * c.num_classes);
    if (c.float_downsampling) {
      for (int64_t i = 0; i + 1 < c.stages(); ++i) {
        flops += static_cast<double>(c.tokens(i + 1) * c.dims[i + 1] * c.dims[i] * 4);
      }
    }
    QCOMPARE(s.total_flops(), flops);
  }

  void binaryLayersArePackedAndCountedAsBops() {
    const ModelSummary s = build_model(preset_config("bhvit-tiny"))->summary();
    bool seen = false;
    for (const LayerCost& row : s.layers) {
      if (row.name != "stages.2.0.mlp.expand") continue;
      seen = true;
      QCOMPARE(row.bits, std::string("W1A1"));
      QCOMPARE(row.flops, 0.0);
      QCOMPARE(row.bops, 14.0 * 14 * 256 * 1024);
      QCOMPARE(row.output_shape, (std::vector<int64_t>{196, 1024}));
      // 1024 rows of 256 bits (4 words) and a float scale each; shift, norm, RPReLU stay float.
      QCOMPARE(row.packed_bytes, int64_t{1024} * 4 * 8 + 1024 * 4 + (row.parameters - 256 * 1024) * 4);
    }
    QVERIFY(seen);
  }

  void floatDownsamplingCostsFlopsNotBops() {
    const ModelSummary binary = build_model(preset_config("bhvit-tiny"))->summary();
    const ModelSummary fp = build_model(preset_config("bhvit-tiny-fp-down"))->summary();
    QVERIFY(fp.total_flops() > binary.total_flops());
    QVERIFY(fp.total_bops() < binary.total_bops());
    QVERIFY(fp.total_ops() > binary.total_ops());
  }

  void tableAndJsonListEveryRow() {
    const ModelSummary s = build_model(preset_config("bhvit-mini"))->summary();
    const std::string table = format_table(s);
    QVERIFY(table.find("stages.2.1.attention.A.V") != std::string::npos);
    QVERIFY(table.find("DecomposedMatMul") != std::string::npos);
    QCOMPARE(to_json(s).at("layers").size(), s.layers.size());
  }
};

BINVIT_REGISTER_TEST(TestBhvitSummary);
#include "test_bhvit_summary.moc"
