#include <torch/torch.h>

#include "core/data/data_loader.h"
#include "core/data/default_dataset.h"
#include "core/data/transforms/presets.h"
#include "core/inspect/attention_views.h"
#include "core/inspect/model_inspector.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/run_folder.h"
#include "core/train/train_config.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

using namespace binvit;
using namespace binvit::inspect;
namespace fs = std::filesystem;

namespace {

// Every row of every head (and window) of `maps` sums to 1 (within float rounding).
QString rows_sum_to_one(const std::vector<float>& maps, const AttentionLayout& layout) {
  for (int w = 0; w < layout.windows; ++w) {
    for (int h = 0; h < layout.heads; ++h) {
      const std::vector<float> m = head_matrix(maps, layout, h, w);
      for (int q = 0; q < layout.tokens; ++q) {
        double sum = 0;
        for (int k = 0; k < layout.tokens; ++k)
          sum += m[static_cast<size_t>(q * layout.tokens + k)];
        if (std::abs(sum - 1.0) > 1e-4) {
          return QString("window %1 head %2 row %3 sums to %4").arg(w).arg(h).arg(q).arg(sum);
        }
      }
    }
  }
  return {};
}

// A model saved as a checkpoint after its first-batch scales have seen `images`.
void save_calibrated(const fs::path& path, const nlohmann::json& config,
                     const torch::Tensor& images) {
  const auto model = nn::build_model(config);
  if (images.defined()) {
    torch::NoGradGuard no_grad;
    model->forward(images);
  }
  train::save_checkpoint(path, *model);
}

}  // namespace

class TestModelInspector : public QObject {
  Q_OBJECT

  std::shared_ptr<data::InMemoryDataset> test_set_;
  torch::Tensor calibration_;  // eight Fashion-MNIST test images through the eval transforms

 private slots:
  void initTestCase() {
    torch::manual_seed(11);
    if (!data::missing_files(data::default_dataset()).empty()) {
      QSKIP("dataset-fashion-mnist is not installed");
    }
    test_set_ = data::open_default_dataset(data::Split::kTest);
    data::PipelineOptions pipeline;
    pipeline.image_size = 28;
    pipeline.channels = 1;
    pipeline.mean = {0.2860};
    pipeline.std = {0.3530};
    const auto transforms = data::gsb_eval_transforms(pipeline);
    data::Rng rng(0);
    std::vector<torch::Tensor> batch;
    for (size_t i = 0; i < 8; ++i) {
      batch.push_back(data::image_to_tensor(transforms->apply(test_set_->get(100 + i).image, rng)));
    }
    calibration_ = torch::stack(batch);
  }

  void inspectsTheDemoModelOnAFashionMnistImage() {
    QTemporaryDir dir;
    const fs::path path = dir.filePath("demo.pt").toStdString();
    const nlohmann::json config = train::demo_model_config();
    save_calibrated(path, config, calibration_);
    ModelInspector inspector = ModelInspector::from_checkpoint(path);
    QCOMPARE(inspector.info().family, std::string("deit"));
    QCOMPARE(inspector.info().variant, std::string("gsb"));
    QCOMPARE(inspector.info().preprocessing.image_size, 28);
    QCOMPARE(inspector.info().preprocessing.channels, 1);
    QVERIFY(inspector.info().binary);

    const cv::Mat image = test_set_->get(0).image;  // an ankle boot
    const InspectionResult r = inspector.inspect(image);
    QVERIFY2(r.notes.empty(), r.notes.empty() ? "" : r.notes.front().c_str());
    QCOMPARE(r.model_input.rows, 28);
    QCOMPARE(r.model_input.type(), CV_8UC1);
    QCOMPARE(r.probabilities.size(), size_t{10});
    QCOMPARE(r.top.size(), size_t{5});
    double top_sum = 0;
    for (size_t i = 0; i < r.top.size(); ++i) {
      top_sum += r.top[i].probability;
      if (i > 0) QVERIFY(r.top[i].probability <= r.top[i - 1].probability);
      QCOMPARE(r.top[i].probability, r.probabilities[static_cast<size_t>(r.top[i].index)]);
    }
    QVERIFY2(top_sum <= 1.0 + 1e-6 && top_sum > 0, qPrintable(QString::number(top_sum)));

    const int depth = config.at("depth").get<int>(), heads = config.at("heads").get<int>();
    QCOMPARE(static_cast<int>(r.attention.size()), depth);
    for (int l = 0; l < depth; ++l) {
      const AttentionLayer& layer = r.attention[static_cast<size_t>(l)];
      QCOMPARE(QString::fromStdString(layer.name), QString("blocks.%1.attn").arg(l));
      const AttentionLayout& layout = layer.layout;
      QCOMPARE(layout.heads, heads);
      QCOMPARE(layout.grid_h, 4);  // 28 px, patch 7
      QCOMPARE(layout.prefix_tokens, 2);
      QCOMPARE(layout.tokens, 18);
      QCOMPARE(static_cast<long long>(layer.probabilities.size()), layout.map_size());
      const QString failure = rows_sum_to_one(layer.probabilities, layout);
      QVERIFY2(failure.isEmpty(), qPrintable(layer.name.c_str() + QString(": ") + failure));
      // GSB internals: A_q, the base map and M2, M3 as full maps; 0/1 masks with M3 inside M2.
      QCOMPARE(static_cast<long long>(layer.quantized.size()), layout.map_size());
      QCOMPARE(static_cast<long long>(layer.base_map.size()), layout.map_size());
      QCOMPARE(layer.attention_masks.size(), size_t{2});
      for (size_t i = 0; i < layer.base_map.size(); ++i) {
        const float m2 = layer.attention_masks[0][i], m3 = layer.attention_masks[1][i];
        QVERIFY((m2 == 0 || m2 == 1) && (m3 == 0 || m3 == 1) && m3 <= m2);
      }
      QCOMPARE(layer.value_plus_one_share.size(), static_cast<size_t>(heads * 18));
      QCOMPARE(layer.value_group_share.size(), size_t{2});
      QCOMPARE(layer.attention_scales.size(), size_t{3});
      QCOMPARE(layer.value_scales.size(), size_t{3});
      QCOMPARE(layer.head_dim, 96 / heads);
      const GridMap cls = class_token_view(layer.probabilities, layout, kHeadMean);
      double sum = cls.off_grid;
      for (const float v : cls.values) sum += v;
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
    }
    QCOMPARE(static_cast<int>(r.rollout.size()), 18 * 18);
    QVERIFY(rows_sum_to_one(r.rollout, r.rollout_layout).isEmpty());

    QCOMPARE(r.binary_layers.size(), static_cast<size_t>(4 * depth));
    for (const BinaryLayerShares& s : r.binary_layers) {
      QVERIFY2(s.activation_plus_one >= 0 && s.activation_plus_one <= 1, s.layer.c_str());
      QVERIFY2(s.weight_plus_one > 0 && s.weight_plus_one < 1, s.layer.c_str());
      QVERIFY(s.activations > 0 && s.weights > 0);
    }
    // The first qkv sees one image's 18 tokens of 96 channels.
    QCOMPARE(r.binary_layers.front().activations, 18LL * 96);

    // Inspecting is a pure function of the image once the scales are set.
    const InspectionResult again = inspector.inspect(image);
    QCOMPARE(again.attention[1].quantized, r.attention[1].quantized);
    QCOMPARE(again.probabilities, r.probabilities);
  }

  void colourImagesOfAnySizeReachAGreyModel() {
    QTemporaryDir dir;
    const fs::path path = dir.filePath("demo.pt").toStdString();
    save_calibrated(path, train::demo_model_config(), calibration_);
    ModelInspector inspector = ModelInspector::from_checkpoint(path);
    cv::Mat rgb(50, 70, CV_8UC3, cv::Scalar(200, 30, 90));
    const InspectionResult r = inspector.inspect(rgb);
    QCOMPARE(r.model_input.type(), CV_8UC1);
    QCOMPARE(r.model_input.cols, 28);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inspector.inspect(cv::Mat()));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             inspector.inspect(cv::Mat(8, 8, CV_32FC1, cv::Scalar(0))));
  }

  void anUntrainedModelSaysItsScalesComeFromTheImage() {
    QTemporaryDir dir;
    const fs::path path = dir.filePath("untrained.pt").toStdString();
    save_calibrated(path, train::demo_model_config(), torch::Tensor());
    ModelInspector inspector = ModelInspector::from_checkpoint(path);
    const InspectionResult first = inspector.inspect(test_set_->get(1).image);
    QCOMPARE(first.notes.size(), size_t{1});
    QVERIFY(first.notes.front().find("initialised from this image") != std::string::npos);
    QVERIFY(inspector.inspect(test_set_->get(1).image).notes.empty());
  }

  void runFolderGivesTheStudentTheTeacherAndTheRunsStatistics() {
    QTemporaryDir dir;
    const fs::path root = fs::path(dir.path().toStdString()) / "run";
    train::TrainConfig config = train::demo_train_config();
    config.data.mean = {0.5};
    config.data.std = {0.25};
    const train::RunFolder run =
        train::RunFolder::create(root, train::to_json(config), nlohmann::json::object());
    try {
      ModelInspector::from_run(root);
      QFAIL("a run without best.pt must throw");
    } catch (const std::runtime_error& error) {
      QVERIFY2(std::string(error.what()).find("stage2") != std::string::npos, error.what());
    }
    nlohmann::json teacher_config = config.model;
    teacher_config["variant"] = "float";
    save_calibrated(run.checkpoint("teacher", "best"), teacher_config, calibration_);
    save_calibrated(run.checkpoint("stage2", "best"), config.model, calibration_);

    const RunCheckpoints found = find_run_checkpoints(root);
    QCOMPARE(found.student_stage, std::string("stage2"));
    QCOMPARE(found.student, run.checkpoint("stage2", "best"));
    QCOMPARE(found.teacher, run.checkpoint("teacher", "best"));

    ModelInspector student = ModelInspector::open(root);
    QVERIFY(student.info().preprocessing.from_run);
    QCOMPARE(student.info().preprocessing.mean, std::vector<double>{0.5});
    QCOMPARE(student.info().class_names.at(9), std::string("Ankle boot"));
    ModelInspector teacher = ModelInspector::from_checkpoint(found.teacher);
    QCOMPARE(teacher.info().variant, std::string("float"));
    QVERIFY(teacher.info().preprocessing.from_run);

    const cv::Mat image = test_set_->get(2).image;
    const InspectionResult s = student.inspect(image), t = teacher.inspect(image);
    QCOMPARE(t.attention.size(), s.attention.size());
    QVERIFY(t.attention[0].quantized.empty() && t.attention[0].attention_masks.empty());
    QVERIFY(rows_sum_to_one(t.attention[2].probabilities, t.attention[2].layout).isEmpty());
    QCOMPARE(t.top.front().name, t.class_names.at(static_cast<size_t>(t.top.front().index)));
  }

  void weightStatisticsThroughTheInspector() {
    QTemporaryDir dir;
    const fs::path a = dir.filePath("a.pt").toStdString(), b = dir.filePath("b.pt").toStdString();
    save_calibrated(a, train::demo_model_config(), calibration_);
    save_calibrated(b, train::demo_model_config(), calibration_);  // other random weights
    ModelInspector first = ModelInspector::from_checkpoint(a);
    ModelInspector second = ModelInspector::from_checkpoint(b);
    const auto layers = first.binary_layers();
    QCOMPARE(layers.size(), size_t{16});
    QCOMPARE(layers[2].name, std::string("blocks.0.mlp.fc1"));
    const WeightHistogram h = first.weight_histogram(layers[2].name);
    long long total = h.below + h.above;
    for (const long long c : h.counts) total += c;
    QCOMPARE(total, layers[2].weights);
    QCOMPARE(h.counts.size(), size_t{64});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, first.weight_histogram("blocks.0.norm1"));
    QCOMPARE(first.sign_flips_since(first).flipped, 0LL);
    // Two independent random initialisations disagree on about half the signs.
    const double rate = second.sign_flips_since(first).rate;
    QVERIFY2(rate > 0.4 && rate < 0.6, qPrintable(QString::number(rate)));
  }

  void bhvitWindowsAreLaidOutOnTheMap() {
    QTemporaryDir dir;
    const fs::path path = dir.filePath("bhvit.pt").toStdString();
    const nlohmann::json config = nn::preset_config("bhvit-mini-28");
    save_calibrated(path, config, torch::Tensor());
    ModelInspector inspector = ModelInspector::from_checkpoint(path);
    const InspectionResult r = inspector.inspect(test_set_->get(3).image);
    QVERIFY(!r.attention.empty());
    QVERIFY(r.rollout.empty());
    for (const AttentionLayer& layer : r.attention) {
      const AttentionLayout& l = layer.layout;
      QVERIFY(l.windowed());
      QCOMPARE(l.window * l.window + l.merged_tokens, l.tokens);
      QCOMPARE(l.grid_h % l.window, 0);
      QCOMPARE(static_cast<long long>(layer.probabilities.size()), l.map_size());
      QVERIFY(rows_sum_to_one(layer.probabilities, l).isEmpty());
      QCOMPARE(layer.qd_maps.size(), size_t{3});
      QCOMPARE(layer.attention_zero_points.size(), static_cast<size_t>(l.heads));
      const GridMap view = query_view(layer.probabilities, l, 0, l.grid_h - 1, 0);
      double sum = view.off_grid;
      for (const float v : view.values) sum += v;
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
    }
  }

  void errorsNameTheFile() {
    try {
      ModelInspector::from_checkpoint("/nonexistent/model.pt");
      QFAIL("must throw");
    } catch (const std::runtime_error& error) {
      QVERIFY2(std::string(error.what()).find("/nonexistent/model.pt") != std::string::npos,
               error.what());
    }
    QTemporaryDir dir;
    try {
      ModelInspector::from_run(dir.path().toStdString());
      QFAIL("must throw");
    } catch (const std::runtime_error& error) {
      QVERIFY2(std::string(error.what()).find("config.json") != std::string::npos, error.what());
    }
  }
};

BINVIT_REGISTER_TEST(TestModelInspector);
#include "test_model_inspector.moc"
