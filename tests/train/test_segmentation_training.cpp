// The segmentation recipe on a generated images/masks folder: training with per-pixel CE and
// the regulariser phase, mIoU-scored checkpoints, resume, `binvit eval`, and the config errors.
#include <torch/torch.h>

#include "core/nn/io/state_transfer.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/engine/engine.h"
#include "core/train/checkpoint.h"
#include "core/train/losses.h"
#include "core/train/run_folder.h"
#include "core/train/segmentation_evaluation.h"
#include "core/train/training_recipe.h"
#include "tests/data/fixtures.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace binvit;
namespace fs = std::filesystem;

namespace {

constexpr int kSide = 32;

// `count` pairs of three classes: background 0, a red square 1 and a blue bar 2 at positions
// that vary with the pair; a one-pixel ignore border, as annotation tools leave.
void write_shapes_dataset(const fs::path& root, int count) {
  for (int i = 0; i < count; ++i) {
    cv::Mat image(kSide, kSide, CV_8UC3, cv::Scalar(40, 90, 40));
    cv::Mat mask(kSide, kSide, CV_8UC1, cv::Scalar(0));
    const int x = 2 + (i * 5) % 14, y = 2 + (i * 3) % 14;
    cv::rectangle(image, cv::Rect(x, y, 12, 12), cv::Scalar(220, 30, 30), cv::FILLED);
    cv::rectangle(mask, cv::Rect(x, y, 12, 12), cv::Scalar(1), cv::FILLED);
    const int bar = (i * 7) % (kSide - 6);
    cv::rectangle(image, cv::Rect(0, bar, kSide, 5), cv::Scalar(30, 30, 220), cv::FILLED);
    cv::rectangle(mask, cv::Rect(0, bar, kSide, 5), cv::Scalar(2), cv::FILLED);
    cv::rectangle(mask, cv::Rect(0, 0, kSide, kSide), cv::Scalar(255), 1);
    const std::string stem = "shape" + std::to_string(i);
    test::write_rgb_png(root / "images" / (stem + ".png"), image);
    test::write_rgb_png(root / "masks" / (stem + ".png"), mask);
  }
  test::write_text(root / "classes.txt", "background\nsquare\nbar\n");
}

train::TrainConfig segmentation_config(const fs::path& data_root) {
  train::TrainConfig c;
  c.recipe = "segmentation";
  c.model = nn::apply_overrides(nn::preset_config("bhvit-seg-mini"),
                                {"num_classes=3", "image_size=32", "stem_patch=2", "fpn_dim=16"});
  c.data.format = "segmentation-folder";
  c.data.path = data_root;
  c.data.image_size = 32;
  c.data.channels = 3;
  c.data.mean = {0.5, 0.5, 0.5};
  c.data.std = {0.25, 0.25, 0.25};
  c.data.augment = "basic";  // random flips: resume must replay them
  c.data.val_percent = 25;
  c.data.workers = 2;
  c.batch_size = 8;
  c.eval_batch_size = 8;
  c.threads = 1;
  c.log_every = 1;
  c.single.epochs = 3;
  c.single.lr_per_512 = 0.05;
  c.bhvit.regularizer_fraction = 0.34;  // the last epoch
  c.validate();
  return c;
}

class Recorder : public train::TrainingObserver {
 public:
  train::TrainingControl* control = nullptr;
  bool stop_after_first_epoch = false;
  std::vector<nlohmann::json> epochs;
  void on_metrics(const nlohmann::json& r) override {
    if (r.value("type", "") != "epoch") return;
    epochs.push_back(r);
    if (stop_after_first_epoch && r.value("epoch", 0) == 0) control->request_stop();
  }
};

train::TrainingOutcome run(const train::TrainConfig& config, const fs::path& folder, bool resume,
                           Recorder& recorder) {
  train::TrainingControl control;
  recorder.control = &control;
  train::TrainingRunOptions options;
  options.run_folder = folder;
  options.resume = resume;
  return train::run_training(config, options, recorder, control);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class TestSegmentationTraining : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    torch::set_num_threads(1);
    write_shapes_dataset(fs::path(data_.path().toStdString()), 24);
  }

  void theRecipeTrainsScoresAndWritesItsReports() {
    QTemporaryDir dir;
    const fs::path folder = dir.filePath("run").toStdString();
    Recorder recorder;
    const train::TrainingOutcome outcome =
        run(segmentation_config(data_.path().toStdString()), folder, false, recorder);
    QVERIFY(outcome.completed);
    QCOMPARE(outcome.stages.size(), size_t{1});
    const train::StageOutcome& stage = outcome.stages.front();
    QVERIFY(stage.segmentation);
    QCOMPARE(stage.class_iou.size(), size_t{3});
    QVERIFY(stage.miou > 0 && stage.miou <= 1);
    QVERIFY(stage.pixel_accuracy > 0 && stage.pixel_accuracy <= 1);
    QCOMPARE(recorder.epochs.size(), size_t{3});
    double best = 0;
    for (const auto& r : recorder.epochs) {
      QVERIFY(r.contains("miou") && r.contains("class_iou") && !r.contains("top1"));
      QCOMPARE(r.at("score").get<double>(), r.at("miou").get<double>());
      best = std::max(best, r.at("miou").get<double>());
      QCOMPARE(r.at("best_score").get<double>() <= best + 1e-12, true);
    }
    QCOMPARE(stage.miou, best);
    // The regulariser is on in the last third only.
    bool regularised_early = false, regularised_late = false;
    for (const auto& r : train::RunFolder::open(folder).read_metrics()) {
      if (r.value("type", "") != "step") continue;
      const bool on = r.at("regularizer").get<double>() != 0.0;
      (r.at("epoch").get<int64_t>() < 2 ? regularised_early : regularised_late) |= on;
    }
    QVERIFY(!regularised_early);
    QVERIFY(regularised_late);
    // mIoU, not accuracy, chose the best checkpoint, which rebuilds the segmentation model.
    const auto checkpoint =
        train::load_segmentation_checkpoint(folder / "checkpoints/single/best.pt");
    QCOMPARE(checkpoint.model->num_classes(), int64_t{3});
    QCOMPARE(checkpoint.extra.at("best_score").get<double>(), best);
    const std::string message =
        error_of([&] { train::load_checkpoint(folder / "checkpoints/single/best.pt"); });
    QVERIFY2(contains(message, "segmentation model") && contains(message, "best.pt"),
             message.c_str());
    std::ifstream csv(folder / "reports/single-class-iou.csv");
    std::string header, first;
    std::getline(csv, header);
    std::getline(csv, first);
    QCOMPARE(header, std::string("class,iou"));
    QVERIFY(first.rfind("background,", 0) == 0);
    QVERIFY(contains(train::format_outcome(outcome), "mIoU"));
    QVERIFY(contains(train::format_outcome(outcome), "square"));

    // `binvit eval` reads the run's data config and reproduces the best epoch's scores.
    QProcess eval;
    eval.start(qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit",
               {"eval", QString::fromStdString((folder / "checkpoints/single/best.pt").string())});
    QVERIFY(eval.waitForFinished(120000));
    const QString output = eval.readAllStandardOutput() + eval.readAllStandardError();
    QVERIFY2(eval.exitCode() == 0, qPrintable(output));
    const QString expected = QString("mIoU %1%").arg(100 * best, 0, 'f', 2);
    QVERIFY2(output.contains(expected), qPrintable(output + " lacks " + expected));
    QVERIFY(fs::exists(folder / "reports/single-eval-class-iou.csv"));

    // `binvit export RUN` prepares images as the run did (its mean/std, not the writer's
    // defaults) and names the classes from classes.txt; `infer` then segments with them.
    const QString bvit = dir.filePath("run.bvit");
    const QString binvit = qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit";
    QProcess exporter;
    exporter.start(binvit, {"export", QString::fromStdString(folder.string()), "--out", bvit});
    QVERIFY(exporter.waitForFinished(120000));
    QVERIFY2(exporter.exitCode() == 0, qPrintable(exporter.readAllStandardError()));
    const auto engine = runtime::engine::Engine::load(bvit.toStdString());
    QVERIFY(engine.graph().task == runtime::engine::Task::Segmentation);
    QCOMPARE(engine.graph().preprocessing.mean, std::vector<float>(3, 0.5f));
    QCOMPARE(engine.graph().preprocessing.std, std::vector<float>(3, 0.25f));
    QCOMPARE(engine.graph().classes, (std::vector<std::string>{"background", "square", "bar"}));
    QProcess infer;
    infer.start(binvit,
                {"infer", bvit, data_.filePath("images/shape0.png"), "--out-dir", dir.path()});
    QVERIFY(infer.waitForFinished(120000));
    const QString shares = infer.readAllStandardOutput();
    QVERIFY2(infer.exitCode() == 0, qPrintable(shares + infer.readAllStandardError()));
    QVERIFY2(shares.contains("background"), qPrintable(shares));
    QVERIFY(fs::exists(dir.filePath("shape0.seg.png").toStdString()));
  }

  void resumingAfterAStopGivesTheWeightsOfAnUninterruptedRun() {
    QTemporaryDir dir;
    const train::TrainConfig config = segmentation_config(data_.path().toStdString());
    const fs::path whole = dir.filePath("whole").toStdString();
    const fs::path parts = dir.filePath("parts").toStdString();
    Recorder a, b, c;
    QVERIFY(run(config, whole, false, a).completed);
    b.stop_after_first_epoch = true;
    QVERIFY(!run(config, parts, false, b).completed);
    QVERIFY(run(config, parts, true, c).completed);
    const auto x = train::load_segmentation_checkpoint(whole / "checkpoints/single/last.pt");
    const auto y = train::load_segmentation_checkpoint(parts / "checkpoints/single/last.pt");
    const auto sx = nn::named_state(*x.model), sy = nn::named_state(*y.model);
    QCOMPARE(sx.size(), sy.size());
    for (size_t i = 0; i < sx.size(); ++i) {
      QCOMPARE(sx[i].first, sy[i].first);
      QVERIFY2(sx[i].second.equal(sy[i].second), sx[i].first.c_str());
    }
    QCOMPARE(c.epochs.size(), size_t{2});  // epochs 2 and 3 only
  }

  void configErrorsNameTheField() {
    train::TrainConfig config = segmentation_config(data_.path().toStdString());
    config.data.val_percent = 0;
    QTemporaryDir dir;
    Recorder recorder;
    std::string message =
        error_of([&] { run(config, dir.filePath("a").toStdString(), false, recorder); });
    QVERIFY2(contains(message, "val_percent"), message.c_str());

    config = segmentation_config(data_.path().toStdString());
    config.data.format = "fashion-mnist";
    message = error_of([&] { config.validate(); });
    QVERIFY2(contains(message, "data.format"), message.c_str());

    config = segmentation_config(data_.path().toStdString());
    config.recipe = "single";
    message = error_of([&] { config.validate(); });
    QVERIFY2(contains(message, "'recipe'") && contains(message, "segmentation"), message.c_str());

    config = segmentation_config(data_.path().toStdString());
    config.model = nn::apply_overrides(config.model, {"num_classes=5"});
    message = error_of([&] { run(config, dir.filePath("b").toStdString(), false, recorder); });
    QVERIFY2(contains(message, "model.num_classes") && contains(message, "3 classes"),
             message.c_str());
  }

  void lossLeavesIgnoredPixelsOut() {
    torch::manual_seed(1);
    const torch::Tensor logits = torch::randn({2, 3, 4, 5});
    torch::Tensor masks = torch::randint(0, 3, {2, 4, 5}, torch::kInt64);
    masks.index_put_({0, 0}, 255);
    const train::LossParts parts = train::segmentation_loss(logits, masks, {}, 0.1, 255);
    // By hand: mean over the counted pixels of -log softmax at the true class.
    const torch::Tensor log_p = torch::log_softmax(logits, 1);
    double sum = 0;
    int counted = 0;
    for (int n = 0; n < 2; ++n) {
      for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 5; ++x) {
          const int64_t t = masks[n][y][x].item<int64_t>();
          if (t == 255) continue;
          sum -= log_p[n][t][y][x].item<double>();
          ++counted;
        }
      }
    }
    QCOMPARE(counted, 35);
    QVERIFY(std::abs(parts.total.item<double>() - sum / counted) < 1e-5);
    const torch::Tensor regularizer = torch::tensor(2.0);
    const auto with_reg = train::segmentation_loss(logits, masks, regularizer, 0.1, 255);
    QVERIFY(std::abs(with_reg.total.item<double>() - (0.9 * sum / counted + 0.2)) < 1e-5);
    const auto none =
        train::segmentation_loss(logits, torch::full({2, 4, 5}, 255, torch::kInt64), {}, 0.1, 255);
    QCOMPARE(none.total.item<double>(), 0.0);
  }

  void confusionFromTensorsCountsEveryPixel() {
    torch::manual_seed(2);
    const torch::Tensor logits = torch::randn({3, 4, 6, 7});
    torch::Tensor masks = torch::randint(0, 4, {3, 6, 7}, torch::kInt64);
    masks.index_put_({1, 2}, 255);
    train::SegmentationConfusion confusion(4);
    train::add_to_confusion(confusion, logits, masks);
    const torch::Tensor predicted = logits.argmax(1);
    train::SegmentationConfusion expected(4);
    for (int n = 0; n < 3; ++n) {
      for (int y = 0; y < 6; ++y) {
        for (int x = 0; x < 7; ++x) {
          const int64_t t = masks[n][y][x].item<int64_t>();
          if (t != 255) expected.add(int(t), int(predicted[n][y][x].item<int64_t>()));
        }
      }
    }
    QCOMPARE(confusion.counts(), expected.counts());
    masks.index_put_({0, 0, 0}, 7);
    const std::string message =
        error_of([&] { train::add_to_confusion(confusion, logits, masks); });
    QVERIFY2(contains(message, "value 7"), message.c_str());
  }

 private:
  QTemporaryDir data_;
};

BINVIT_REGISTER_TEST(TestSegmentationTraining);
#include "test_segmentation_training.moc"
