#include <torch/torch.h>

#include "core/nn/io/state_transfer.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

using namespace binvit;

class TestCheckpoint : public QObject {
  Q_OBJECT

 private slots:
  void roundTripRebuildsTheModelBitExactly() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("stage2/last.pt").toStdString();
    const auto model = nn::build_model(
        nn::apply_overrides(nn::preset_config("gsb-deit-mini"), {"depth=2", "threshold_scope=row"}));
    model->forward_heads(torch::randn({2, 3, 32, 32}));
    train::save_checkpoint(path, *model, {{"stage", 2}, {"epoch", 7}});
    QCOMPARE(std::distance(std::filesystem::directory_iterator(path.parent_path()),
                           std::filesystem::directory_iterator()),
             std::ptrdiff_t{1});

    const train::Checkpoint loaded = train::load_checkpoint(path);
    QVERIFY(loaded.config == model->config_json());
    QCOMPARE(loaded.extra.at("epoch").get<int>(), 7);
    const auto a = nn::named_state(*model), b = nn::named_state(*loaded.model);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) BINVIT_COMPARE_EXACT(b[i].second, a[i].second);
    model->eval();
    loaded.model->eval();
    torch::NoGradGuard no_grad;
    const auto images = torch::randn({2, 3, 32, 32});
    BINVIT_COMPARE_EXACT(loaded.model->forward(images), model->forward(images));
  }

  void badFilesNameTheFile_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("this is not a checkpoint");
  }

  void badFilesNameTheFile() {
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const std::string path = dir.filePath("broken.pt").toStdString();
    std::ofstream(path, std::ios::binary) << bytes.toStdString();
    try {
      train::load_checkpoint(path);
      QFAIL("a broken checkpoint must throw");
    } catch (const std::runtime_error& error) {
      QVERIFY2(std::string(error.what()).find("broken.pt") != std::string::npos, error.what());
    }
  }

  void truncatedCheckpointIsAnErrorNotACrash() {
    QTemporaryDir dir;
    const std::filesystem::path good = dir.filePath("good.pt").toStdString();
    const std::filesystem::path cut = dir.filePath("cut.pt").toStdString();
    train::save_checkpoint(good, *nn::build_model(nn::preset_config("deit-mini")));
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, train::load_checkpoint(cut));
  }
};

BINVIT_REGISTER_TEST(TestCheckpoint);
#include "test_checkpoint.moc"
