#include "tests/support/test_registry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QRect>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct CliResult {
  int exit_code = -1;
  QString out;
  QString err;
};

CliResult run_binvit(const QStringList& arguments) {
  QProcess process;
  process.start(qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit", arguments);
  if (!process.waitForFinished(120000)) return {};
  return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
          QString::fromUtf8(process.readAllStandardError())};
}

// A binary PPM image: `square` in the colour `ink`, every other pixel in `ground` (RGB bytes).
bool write_ppm(const QString& path, int width, int height, const QRect& square, const char* ink,
               const char* ground) {
  QFile ppm(path);
  if (!ppm.open(QIODevice::WriteOnly)) return false;
  QByteArray pixels;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) pixels.append(square.contains(x, y) ? ink : ground, 3);
  const QByteArray header = QString("P6\n%1 %2\n255\n").arg(width).arg(height).toLatin1();
  return ppm.write(header + pixels) == header.size() + pixels.size();
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private slots:
  void versionReportsEveryField() {
    const CliResult r = run_binvit({"--version"});
    QCOMPARE(r.exit_code, 0);
    for (const char* field :
         {"binvit 0.", "libtorch: 1.", "blas: /", "cpu: ", "cpu features: ", "threads: "}) {
      QVERIFY2(r.out.contains(field), qPrintable("missing '" + QString(field) + "' in:\n" + r.out));
    }
  }

  void threadsOptionReachesLibTorch() {
    const CliResult r = run_binvit({"--threads", "1", "--version"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY2(r.out.contains("threads: 1 intra-op"), qPrintable(r.out));
  }

  void helpListsOptions() {
    const CliResult r = run_binvit({"--help"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY2(r.out.contains("--version") && r.out.contains("--threads"), qPrintable(r.out));
  }

  void summaryJsonTotalsOfFloatDeitSmall() {
    const CliResult r = run_binvit({"summary", "--model", "deit-small", "--json"});
    QCOMPARE(r.exit_code, 0);
    const QJsonObject totals =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value("totals").toObject();
    const double flops = totals.value("flops").toDouble();
    QVERIFY2(qAbs(flops / 4.6e9 - 1.0) < 0.03, qPrintable(r.out.left(400)));
    QCOMPARE(totals.value("bops").toDouble(), 0.0);
  }

  void summaryTableOfTheDefaultModelShowsBinaryLayers() {
    const CliResult r = run_binvit({"summary"});
    QCOMPARE(r.exit_code, 0);
    for (const char* text : {"gsb-deit-mini", "BinaryLinear", "W1A1", "OPs = FLOPs + BOPs/64"}) {
      QVERIFY2(r.out.contains(text), qPrintable(QString(text) + " missing in:\n" + r.out));
    }
  }

  void summaryRejectsAnInvalidConfigNamingTheField() {
    const CliResult r = run_binvit({"summary", "--model", "gsb-deit-mini", "--set", "heads=5"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("'heads'") && r.err.contains("128"), qPrintable(r.err));
  }

  void modelsListsThePresets() {
    const CliResult r = run_binvit({"models"});
    QCOMPARE(r.exit_code, 0);
    for (const char* name : {"deit-small", "gsb-deit-small", "gsb-deit-small-stage1",
                             "binary-deit-tiny", "gsb-deit-mini"}) {
      QVERIFY2(r.out.contains(name), qPrintable(r.out));
    }
  }

  void demoDescribesTheFashionMnistDemo() {
    const CliResult r = run_binvit({"demo"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY2(r.out.contains("fashion-mnist") && r.out.contains("Ankle boot") &&
                 r.out.contains("input 1x28x28"),
             qPrintable(r.out + r.err));
  }

  void demoReportsAMissingDatasetClearly() {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("BINVIT_FASHION_MNIST_DIR", "/nonexistent/fashion");
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit", {"demo"});
    QVERIFY(process.waitForFinished(120000));
    QVERIFY(process.exitCode() != 0);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains("/nonexistent/fashion") && err.contains("dataset-fashion-mnist"),
             qPrintable(err));
  }

  // export -> infer -> verify -> bench on an untrained small baseline model (the engine's
  // agreement itself is tested in the engine suite; this checks the commands' wiring).
  void engineCommandsExportInferVerifyBench() {
    QTemporaryDir dir;
    const QString model = dir.filePath("m.bvit");
    CliResult r =
        run_binvit({"export", "--model", "binary-deit-mini", "--calibrate", "8", "--out", model});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    for (const char* file : {"m.bvit", "m.safetensors", "m.pt"})
      QVERIFY(QFile::exists(dir.filePath(file)));

    const QString image = dir.filePath("x.ppm");  // 40 x 30, one colour
    QVERIFY(write_ppm(image, 40, 30, QRect(), "", "\xc8\x1e\x5a"));
    r = run_binvit({"infer", model, image, "--top", "3"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    QCOMPARE(r.out.count('\n'), 4);  // the file name, then three classes with probabilities
    QVERIFY2(r.out.contains("T-shirt") || r.out.contains("Trouser") || r.out.contains("Bag") ||
                 r.out.contains("Sneaker") || r.out.contains("Coat") || r.out.contains("Dress") ||
                 r.out.contains("Pullover") || r.out.contains("Sandal") ||
                 r.out.contains("Shirt") || r.out.contains("boot"),
             qPrintable(r.out));

    const QString report = dir.filePath("verify.json");
    r = run_binvit(
        {"verify", model, "--checkpoint", dir.filePath("m.pt"), "--limit", "6", "--json", report});
    QVERIFY2(r.out.contains("with each layer fed the model's input: 0 (bar: 0)"),
             qPrintable(r.out + r.err));
    QCOMPARE(r.exit_code, r.out.contains("\nPASS") ? 0 : 3);
    QFile json(report);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(json.readAll()).object().value("images").toInt(), 6);

    r = run_binvit({"bench", model, "--rounds", "1", "--iterations", "1", "--warmup", "0",
                    "--threads", "1", "--json", dir.filePath("bench.json")});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains("libtorch-float") && r.out.contains("libtorch-binary") &&
                 r.out.contains("(32.0x)"),
             qPrintable(r.out));
  }

  // The segmentation model through the same commands: infer writes one overlay PNG with a
  // legend per image, verify compares per-pixel argmax.
  void segmentationExportInferVerify() {
    QTemporaryDir dir;
    const QString model = dir.filePath("seg.bvit");
    CliResult r =
        run_binvit({"export", "--model", "bhvit-seg-mini", "--calibrate", "4", "--out", model});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    const QString image = dir.filePath("scene.ppm");  // 50 x 30: a bright square on a dark ground
    QVERIFY(write_ppm(image, 50, 30, QRect(11, 6, 19, 19), "\xf0\xe0\x20", "\x10\x30\x60"));
    r = run_binvit({"infer", model, image, "--seg", "--out-dir", dir.filePath("overlays")});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains("scene.seg.png") && r.out.contains(" %  class "), qPrintable(r.out));
    QFile png(dir.filePath("overlays/scene.seg.png"));
    QVERIFY(png.open(QIODevice::ReadOnly));
    const QByteArray head = png.read(24);
    QVERIFY(head.startsWith("\x89PNG"));
    const auto be32 = [&](int at) {
      return (static_cast<uint8_t>(head[at]) << 24) | (static_cast<uint8_t>(head[at + 1]) << 16) |
             (static_cast<uint8_t>(head[at + 2]) << 8) | static_cast<uint8_t>(head[at + 3]);
    };
    QVERIFY2(be32(16) > 50, "the legend column widens the image");  // IHDR width
    QVERIFY(be32(20) >= 30);                                        // IHDR height

    r = run_binvit({"verify", model, "--checkpoint", dir.filePath("seg.pt"), "--limit", "3"});
    QVERIFY2(r.out.contains("per-pixel argmax agreement") &&
                 r.out.contains("with each layer fed the model's input: 0 (bar: 0)"),
             qPrintable(r.out + r.err));
    QCOMPARE(r.exit_code, r.out.contains("\nPASS") ? 0 : 3);
  }

  // inspect on a calibrated small GSB model: the overlays the Inspect page shows, as files.
  void inspectWritesTheMapsAndTheSummary() {
    QTemporaryDir dir;
    CliResult r = run_binvit({"export", "--model", "gsb-deit-mini", "--set", "depth=2",
                              "--calibrate", "4", "--out", dir.filePath("m.bvit")});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    const QString image = dir.filePath("x.ppm");  // 40 x 30, a bright square on a dark ground
    QVERIFY(write_ppm(image, 40, 30, QRect(11, 9, 14, 11), "\xf0\xe0\xd0", "\x10\x20\x30"));

    const QString out = dir.filePath("maps");
    r = run_binvit(
        {"inspect", dir.filePath("m.pt"), image, "--out", out, "--head", "1", "--mass", "0.8"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    for (const char* file : {"attention_L0_Hmean.png", "attention_L1_H1.png", "mass_L0_H1.png",
                             "gsb_L0_H1_quantized.png", "gsb_L0_H1_base.png", "gsb_L1_Hmean_M2.png",
                             "gsb_L1_H1_M3.png", "gsb_L0_H1_value_plus_one.png",
                             "gsb_L0_H1_value_G2.png", "rollout.png", "rollout_mass.png"}) {
      QFile png(out + "/" + file);
      QVERIFY2(png.open(QIODevice::ReadOnly), file);
      QVERIFY2(png.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8), file);
    }
    QVERIFY(!QFile::exists(out + "/attention_L0_H0.png"));  // --head 1: head 0 is left out
    QFile summary(out + "/summary.json");
    QVERIFY(summary.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(summary.readAll()).object();
    QCOMPARE(json.value("top5").toArray().size(), 5);
    QCOMPARE(json.value("attention_layers").toArray().size(), 2);
    QCOMPARE(json.value("binary_layers").toArray().size(), 8);
    QCOMPARE(json.value("mass").toDouble(), 0.8);
    const QJsonObject first = json.value("binary_layers").toArray().first().toObject();
    QVERIFY(first.value("activation_plus_one").isDouble() &&
            first.value("weight_plus_one").isDouble());
    QCOMPARE(json.value("attention_layers")
                 .toArray()
                 .first()
                 .toObject()
                 .value("attention_scales")
                 .toArray()
                 .size(),
             3);

    r = run_binvit({"inspect", dir.filePath("m.pt"), image, "--out", out, "--layer", "5"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("--layer 5") && r.err.contains("2 attention layers"),
             qPrintable(r.err));
  }

  void unknownOptionFailsWithAMessage() {
    const CliResult r = run_binvit({"--no-such-option"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2((r.out + r.err).contains("no-such-option"), qPrintable(r.out + r.err));
  }
};

BINVIT_REGISTER_TEST(TestCli);
#include "test_cli.moc"
