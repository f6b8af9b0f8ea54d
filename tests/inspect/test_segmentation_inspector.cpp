// The segmentation inspector on a run folder made by hand around an untrained BHViT segmentation
// model: class names and preprocessing from the run, the prediction equal to the model's argmax
// on the run's own eval transform, the image's IoU against a hand count, the report files, and
// the bad-input errors.
#include <torch/torch.h>

#include "core/data/data_loader.h"
#include "core/data/segmentation_run_data.h"
#include "core/inspect/segmentation_inspector.h"
#include "core/inspect/segmentation_report.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/run_folder.h"
#include "core/train/train_config.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace binvit;
namespace fs = std::filesystem;

namespace {

constexpr int kSide = 40;  // not the model's 32: the inspector must resize image and mask

// A green field with a red square (class 1), a blue bar (class 2) and an ignored border.
void write_pair(const fs::path& root, int i) {
  cv::Mat image(kSide, kSide, CV_8UC3, cv::Scalar(40, 90, 40));
  cv::Mat mask(kSide, kSide, CV_8UC1, cv::Scalar(0));
  const cv::Rect square(3 + 4 * i, 5 + 2 * i, 14, 14);
  cv::rectangle(image, square, cv::Scalar(220, 30, 30), cv::FILLED);
  cv::rectangle(mask, square, cv::Scalar(1), cv::FILLED);
  const cv::Rect bar(0, 25 + i, kSide, 6);
  cv::rectangle(image, bar, cv::Scalar(30, 30, 220), cv::FILLED);
  cv::rectangle(mask, bar, cv::Scalar(2), cv::FILLED);
  cv::rectangle(mask, cv::Rect(0, 0, kSide, kSide), cv::Scalar(255), 1);
  const std::string stem = "pair" + std::to_string(i);
  test::write_rgb_png(root / "images" / (stem + ".png"), image);
  test::write_rgb_png(root / "masks" / (stem + ".png"), mask);
}

train::TrainConfig run_config(const fs::path& data_root) {
  train::TrainConfig c;
  c.recipe = "segmentation";
  c.model = nn::apply_overrides(nn::preset_config("bhvit-seg-mini"),
                                {"num_classes=3", "image_size=32", "stem_patch=2", "fpn_dim=16"});
  c.data.format = "segmentation-folder";
  c.data.path = data_root;
  c.data.image_size = 32;
  c.data.channels = 3;
  c.data.mean = {0.4, 0.5, 0.6};
  c.data.std = {0.2, 0.25, 0.3};
  c.data.augment = "none";
  c.data.val_percent = 50;
  c.validate();
  return c;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace

class TestSegmentationInspector : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    torch::set_num_threads(1);
    torch::manual_seed(5);
    const fs::path root = dir_.path().toStdString();
    data_ = root / "data";
    for (int i = 0; i < 4; ++i) write_pair(data_, i);
    test::write_text(data_ / "classes.txt", "background\nsquare\nbar\n");
    config_ = run_config(data_);
    run_ = root / "run";
    const train::RunFolder run =
        train::RunFolder::create(run_, train::to_json(config_), train::run_manifest(1));
    const auto model = nn::build_segmentation_model(config_.model);
    fs::create_directories(run.checkpoint("single", "best").parent_path());
    train::save_checkpoint(run.checkpoint("single", "best"), *model);
  }

  void readsTheRunsClassesAndPreprocessing() {
    QVERIFY(inspect::SegmentationInspector::holds_segmentation_model(run_));
    const auto inspector = inspect::SegmentationInspector::open(run_);
    const inspect::SegmentationModelInfo& info = inspector.info();
    QCOMPARE(info.class_names, (std::vector<std::string>{"background", "square", "bar"}));
    QVERIFY(info.preprocessing.from_run);
    QCOMPARE(info.preprocessing.image_size, 32);
    QCOMPARE(info.preprocessing.mean, (std::vector<double>{0.4, 0.5, 0.6}));
    QCOMPARE(info.run_folder, run_);
    QVERIFY(info.notes.empty());
  }

  void predictionIsTheModelsArgmaxOnTheRunsEvalTransform() {
    const auto inspector = inspect::SegmentationInspector::open(run_);
    const data::SegmentationRunData run_data = data::open_segmentation_run_data(config_.data, 0);
    const data::SegmentationSample sample = run_data.eval->get(0);
    const inspect::SegmentationInspection result = inspector.inspect(sample.image, sample.mask);

    data::Rng rng(0);
    const data::SegmentationSample prepared = run_data.eval_transform->apply(sample, rng);
    const auto checkpoint =
        train::load_segmentation_checkpoint(run_ / "checkpoints/single/best.pt");
    checkpoint.model->eval();
    torch::NoGradGuard no_grad;
    const torch::Tensor expected =
        checkpoint.model->forward(data::image_to_tensor(prepared.image).unsqueeze(0))[0].argmax(0);
    QCOMPARE(result.prediction.rows, 32);
    QCOMPARE(result.prediction.cols, 32);
    QCOMPARE(result.prediction.type(), CV_32SC1);
    std::vector<long long> predicted(3, 0), tp(3, 0), fp(3, 0), fn(3, 0);
    long long counted = 0, correct = 0;
    for (int y = 0; y < 32; ++y) {
      for (int x = 0; x < 32; ++x) {
        const int p = result.prediction.at<int32_t>(y, x);
        QCOMPARE(p, static_cast<int>(expected[y][x].item<int64_t>()));
        const int t = result.truth.at<int32_t>(y, x);
        QCOMPARE(t, static_cast<int>(prepared.mask.at<uint8_t>(y, x)));
        ++predicted[static_cast<size_t>(p)];
        if (t == 255) continue;
        ++counted;
        if (p == t) {
          ++correct;
          ++tp[static_cast<size_t>(p)];
        } else {
          ++fp[static_cast<size_t>(p)];
          ++fn[static_cast<size_t>(t)];
        }
      }
    }
    QVERIFY(result.scored);
    double sum = 0;
    int defined = 0;
    for (size_t c = 0; c < 3; ++c) {
      QVERIFY(std::abs(result.predicted_share[c] - predicted[c] / 1024.0) < 1e-12);
      const long long union_ = tp[c] + fp[c] + fn[c];
      if (union_ == 0) {
        QVERIFY(std::isnan(result.iou[c]));
        continue;
      }
      QVERIFY(std::abs(result.iou[c] - static_cast<double>(tp[c]) / union_) < 1e-12);
      sum += result.iou[c];
      ++defined;
    }
    QVERIFY(std::abs(result.mean_iou - sum / defined) < 1e-12);
    QVERIFY(std::abs(result.pixel_accuracy - static_cast<double>(correct) / counted) < 1e-12);
    // The overlays are the input's size plus a legend column.
    QCOMPARE(result.prediction_overlay.rows >= 32, true);
    QVERIFY(result.prediction_overlay.cols > 32);
    QCOMPARE(result.truth_overlay.type(), CV_8UC3);
  }

  void writesTheReport() {
    const auto inspector = inspect::SegmentationInspector::open(run_);
    const data::SegmentationSample sample =
        data::open_segmentation_run_data(config_.data, 0).eval->get(0);
    const auto result = inspector.inspect(sample.image, sample.mask);
    const fs::path out = fs::path(dir_.path().toStdString()) / "report";
    const auto files = inspect::write_segmentation_report(result, inspector.info(), out);
    QCOMPARE(files.size(), size_t{4});
    QCOMPARE(files.back().filename().string(), std::string("summary.json"));
    const cv::Mat labels =
        cv::imread((out / "prediction_labels.png").string(), cv::IMREAD_UNCHANGED);
    QCOMPARE(labels.type(), CV_8UC1);
    cv::Mat as_int;
    labels.convertTo(as_int, CV_32SC1);
    QCOMPARE(cv::countNonZero(as_int != result.prediction), 0);
    std::ifstream in(out / "summary.json");
    const nlohmann::json summary = nlohmann::json::parse(in);
    QCOMPARE(summary.at("miou").get<double>(), result.mean_iou);
    QVERIFY(summary.at("class_iou").contains("square"));
    // Without a mask: no truth and no scores.
    const auto unscored = inspector.inspect(sample.image);
    QVERIFY(!unscored.scored && unscored.truth.empty() && unscored.iou.empty());
    QCOMPARE(cv::countNonZero(unscored.prediction != result.prediction), 0);
  }

  void badInputIsNamed() {
    const auto inspector = inspect::SegmentationInspector::open(run_);
    const cv::Mat image(20, 30, CV_8UC3, cv::Scalar(1, 2, 3));
    QVERIFY(error_of([&] {
              inspector.inspect(image, cv::Mat(20, 31, CV_8UC1, cv::Scalar(0)));
            }).find("30x20") != std::string::npos);
    const std::string value =
        error_of([&] { inspector.inspect(image, cv::Mat(20, 30, CV_8UC1, cv::Scalar(7))); });
    QVERIFY2(value.find('7') != std::string::npos, value.c_str());
    QVERIFY(!error_of([&] { inspector.inspect(cv::Mat()); }).empty());
    const std::string missing =
        error_of([&] { inspect::SegmentationInspector::open(run_ / "checkpoints/x.pt"); });
    QVERIFY2(missing.find("x.pt") != std::string::npos, missing.c_str());
    // A classifier checkpoint is not a segmentation model, and the loader says what it holds.
    const fs::path classifier = fs::path(dir_.path().toStdString()) / "classifier.pt";
    train::save_checkpoint(classifier, *nn::build_model(nn::preset_config("gsb-deit-mini")));
    QVERIFY(!inspect::SegmentationInspector::holds_segmentation_model(classifier));
    QVERIFY(!error_of([&] { inspect::SegmentationInspector::open(classifier); }).empty());
  }

 private:
  QTemporaryDir dir_;
  fs::path data_, run_;
  train::TrainConfig config_;
};

BINVIT_REGISTER_TEST(TestSegmentationInspector);
#include "test_segmentation_inspector.moc"
