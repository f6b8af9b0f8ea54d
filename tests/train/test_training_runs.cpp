// Whole training runs on a few hundred real Fashion-MNIST images: the three GSB stages, resume,
// stop, a truncated checkpoint, a non-finite loss, and two data-parallel processes on loopback.
#include <torch/torch.h>

#include "core/data/default_dataset.h"
#include "core/nn/io/state_transfer.h"
#include "core/nn/models/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/run_folder.h"
#include "core/train/stage_trainer.h"
#include "core/train/training_recipe.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>

using namespace binvit;

namespace {

train::TrainConfig tiny_config(const std::string& recipe, const std::string& variant = "gsb") {
  train::TrainConfig c = train::demo_train_config();
  c.recipe = recipe;
  c.model = nn::apply_overrides(
      c.model, {"embed_dim=32", "depth=1", "heads=2", "patch_size=7", "variant=" + variant});
  c.data.train_limit = 192;
  c.data.test_limit = 64;
  c.data.workers = 2;
  c.batch_size = 32;
  c.eval_batch_size = 64;
  c.threads = 1;
  c.log_every = 2;
  for (train::StageConfig* s : {&c.teacher, &c.stage1, &c.stage2, &c.single}) s->epochs = 1;
  c.validate();
  return c;
}

// Records what the trainer reports and can ask it to stop at a chosen moment.
class RecordingObserver : public train::TrainingObserver {
 public:
  train::TrainingControl* control = nullptr;
  std::function<bool(const train::TrainingProgress&)> stop_at_progress;
  std::function<bool(const nlohmann::json&)> stop_at_metrics;
  std::vector<std::string> logs;
  std::vector<std::string> stages;

  void on_progress(const train::TrainingProgress& p) override {
    if (stop_at_progress && stop_at_progress(p)) control->request_stop();
  }
  void on_metrics(const nlohmann::json& r) override {
    if (stop_at_metrics && stop_at_metrics(r)) control->request_stop();
  }
  void on_stage_started(const std::string& stage, int, int) override { stages.push_back(stage); }
  void on_log(const std::string& line) override { logs.push_back(line); }
};

train::TrainingOutcome run(const train::TrainConfig& config, const std::filesystem::path& folder,
                           bool resume, RecordingObserver& observer) {
  train::TrainingControl control;
  observer.control = &control;
  train::TrainingRunOptions options;
  options.run_folder = folder;
  options.resume = resume;
  return train::run_training(config, options, observer, control);
}

void compare_weights(const std::filesystem::path& a, const std::filesystem::path& b,
                     double tolerance) {
  const auto x = train::load_checkpoint(a), y = train::load_checkpoint(b);
  const auto sa = nn::named_state(*x.model), sb = nn::named_state(*y.model);
  QCOMPARE(sa.size(), sb.size());
  for (size_t i = 0; i < sa.size(); ++i) {
    QCOMPARE(sa[i].first, sb[i].first);
    BINVIT_COMPARE_TENSORS(sb[i].second.to(torch::kDouble), sa[i].second.to(torch::kDouble),
                           tolerance);
  }
}

std::vector<int64_t> epochs_logged(const std::filesystem::path& folder, const std::string& stage) {
  std::vector<int64_t> epochs;
  for (const auto& r : train::RunFolder::open(folder).read_metrics()) {
    if (r.value("type", "") == "epoch" && r.value("stage", "") == stage) {
      epochs.push_back(r.at("epoch").get<int64_t>());
    }
  }
  return epochs;
}

std::vector<int64_t> steps_logged(const std::filesystem::path& folder) {
  std::vector<int64_t> steps;
  for (const auto& r : train::RunFolder::open(folder).read_metrics()) {
    if (r.value("type", "") == "step") steps.push_back(r.at("step").get<int64_t>());
  }
  return steps;
}

}  // namespace

class TestTrainingRuns : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!data::missing_files(data::default_dataset()).empty()) {
      QSKIP("dataset-fashion-mnist is not installed");
    }
  }

  void theThreeGsbStagesRunEndToEnd() {
    QTemporaryDir dir;
    const std::filesystem::path folder = dir.filePath("run").toStdString();
    const train::TrainConfig config = tiny_config("gsb-two-stage");
    RecordingObserver observer;
    const auto outcome = run(config, folder, false, observer);
    QVERIFY(outcome.completed);
    QCOMPARE(observer.stages, (std::vector<std::string>{"teacher", "stage1", "stage2"}));
    QCOMPARE(outcome.stages.size(), size_t{3});
    QCOMPARE(outcome.stages[2].model, std::string("gsb"));
    QVERIFY(outcome.stages[2].packed_bytes < outcome.stages[0].packed_bytes);
    for (const char* file :
         {"config.json", "manifest.json", "metrics.jsonl", "checkpoints/teacher/best.pt",
          "checkpoints/stage1/last.pt", "checkpoints/stage2/best.pt", "reports/outcome.json",
          "reports/stage2-confusion.csv"}) {
      QVERIFY2(std::filesystem::exists(folder / file), file);
    }
    QVERIFY(train::RunFolder::open(folder).config() == train::to_json(config));
    for (const char* stage : {"teacher", "stage1", "stage2"}) {
      QCOMPARE(epochs_logged(folder, stage), std::vector<int64_t>{0});
    }
    // Stage 2 starts from stage 1: the hand-off is logged, and the result is the GSB model.
    QVERIFY(std::any_of(observer.logs.begin(), observer.logs.end(), [](const std::string& l) {
      return l.find("[stage2] initialised from") != std::string::npos;
    }));
    const auto best = train::load_checkpoint(folder / "checkpoints/stage2/best.pt");
    QCOMPARE(best.config.value("variant", ""), std::string("gsb"));
    // Accuracy is a real evaluation: a fraction of the 64 test images.
    const double top1 = outcome.stages[2].top1;
    QVERIFY(top1 >= 0 && top1 <= 1 && std::abs(top1 * 64 - std::round(top1 * 64)) < 1e-9);

    // `binvit eval` on the run folder evaluates stage 2's best checkpoint on the same images and
    // writes the confusion matrix as CSV and PNG.
    QProcess eval;
    eval.start(qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit",
               {"eval", QString::fromStdString(folder.string()), "--set", "test_limit=64"});
    QVERIFY(eval.waitForFinished(120000));
    const QByteArray out = eval.readAllStandardOutput();
    QVERIFY2(eval.exitCode() == 0, eval.readAllStandardError().constData());
    char expected[32];
    std::snprintf(expected, sizeof expected, "top-1 %.2f%%", 100 * top1);
    QVERIFY2(out.contains(expected), out.constData());
    QVERIFY(std::filesystem::file_size(folder / "reports/stage2-eval-confusion.png") > 1000);
    QVERIFY(std::filesystem::exists(folder / "reports/stage2-eval-confusion.csv"));
  }

  void resumingAfterAStopGivesTheWeightsOfAnUninterruptedRun() {
    QTemporaryDir dir;
    train::TrainConfig config = tiny_config("single");
    config.single.epochs = 3;
    config.data.augment = "basic";  // per-image random streams must resume too
    const std::filesystem::path whole = dir.filePath("whole").toStdString();
    const std::filesystem::path parts = dir.filePath("parts").toStdString();
    RecordingObserver a;
    QVERIFY(run(config, whole, false, a).completed);

    RecordingObserver b;
    b.stop_at_metrics = [](const nlohmann::json& r) {
      return r.value("type", "") == "epoch" && r.value("epoch", 0) == 0;
    };
    QVERIFY(!run(config, parts, false, b).completed);
    RecordingObserver c;
    QVERIFY(run(config, parts, true, c).completed);
    compare_weights(whole / "checkpoints/single/last.pt", parts / "checkpoints/single/last.pt",
                    0.0);
    // Metrics continue: every epoch and every logged step exactly once.
    QCOMPARE(epochs_logged(parts, "single"), (std::vector<int64_t>{0, 1, 2}));
    QCOMPARE(steps_logged(parts), steps_logged(whole));
  }

  void stopTakesEffectWithinOneBatch() {
    QTemporaryDir dir;
    const std::filesystem::path folder = dir.filePath("run").toStdString();
    RecordingObserver observer;
    observer.stop_at_progress = [](const train::TrainingProgress& p) { return p.batch == 3; };
    QVERIFY(!run(tiny_config("single"), folder, false, observer).completed);
    const auto last = train::load_checkpoint(folder / "checkpoints/single/last.pt");
    QCOMPARE(last.extra.at("batch").get<int64_t>(), int64_t{3});
    QCOMPARE(last.extra.at("step").get<int64_t>(), int64_t{3});
    QCOMPARE(last.extra.at("finished").get<bool>(), false);
  }

  void aTruncatedCheckpointIsDetectedAndThePreviousOneUsed() {
    QTemporaryDir dir;
    train::TrainConfig config = tiny_config("single");
    config.single.epochs = 2;
    const std::filesystem::path whole = dir.filePath("whole").toStdString();
    const std::filesystem::path parts = dir.filePath("parts").toStdString();
    RecordingObserver a;
    QVERIFY(run(config, whole, false, a).completed);
    RecordingObserver b;
    b.stop_at_metrics = [](const nlohmann::json& r) { return r.value("type", "") == "epoch"; };
    QVERIFY(!run(config, parts, false, b).completed);
    // `last` (written at the stop) and `previous` (written after the evaluation) hold the same
    // position; cut `last` in half as a disk failure would.
    const auto last = parts / "checkpoints/single/last.pt";
    QVERIFY(std::filesystem::exists(parts / "checkpoints/single/previous.pt"));
    std::filesystem::resize_file(last, std::filesystem::file_size(last) / 2);
    RecordingObserver c;
    QVERIFY(run(config, parts, true, c).completed);
    QVERIFY(std::any_of(c.logs.begin(), c.logs.end(), [](const std::string& l) {
      return l.find("cannot resume from last checkpoint") != std::string::npos &&
             l.find("last.pt") != std::string::npos;
    }));
    compare_weights(whole / "checkpoints/single/last.pt", last, 0.0);
  }

  void aNonFiniteLossStopsTheStageAndKeepsTheLastGoodCheckpoint() {
    QTemporaryDir dir;
    train::TrainConfig config = tiny_config("single");
    config.single.epochs = 2;
    train::RunFolder folder =
        train::RunFolder::create(dir.filePath("run").toStdString(), train::to_json(config), {});
    const data::RunData data = data::open_run_data(config.data, config.seed);
    RecordingObserver observer;
    train::TrainingControl control;
    train::StageContext context{config, folder, data.eval_name, observer, control, nullptr, true};
    train::StageSpec spec;
    spec.name = "single";
    spec.schedule = config.single;
    const auto loss = [](const nn::ClassifierOutput& out, const torch::Tensor& labels,
                         const torch::Tensor& teacher, double progress) {
      auto parts =
          train::hard_distillation_loss(out.logits, out.distillation_logits, labels, teacher, 0.5);
      if (progress >= 0.5) parts.total = parts.total * std::nan("");  // the second epoch
      return parts;
    };
    spec.task = train::classification_task(nn::build_model(config.model), nullptr, loss, data);
    try {
      train::run_stage(spec, context, false);
      QFAIL("a NaN loss must stop the stage");
    } catch (const train::TrainingError& error) {
      const std::string message = error.what();
      QVERIFY2(message.find("epoch 2, batch 1") != std::string::npos, message.c_str());
      QVERIFY2(message.find("nan") != std::string::npos, message.c_str());
      QVERIFY2(message.find("last good checkpoint is kept") != std::string::npos, message.c_str());
    }
    const auto kept = train::load_checkpoint(folder.checkpoint("single", "last"));
    QCOMPARE(kept.extra.at("epoch").get<int64_t>(), int64_t{1});
    QVERIFY(torch::isfinite(nn::named_state(*kept.model).front().second).all().item<bool>());
  }

  // Two processes on loopback with 16 images per rank give the weights of one process with 32.
  void twoProcessesMatchOneProcessWithTheSameGlobalBatch() {
    QTemporaryDir dir;
    train::TrainConfig config = tiny_config("single", "float");
    config.data.augment = "none";  // augmentation streams depend on the rank
    config.data.train_limit = 64;  // two steps: Adam's normalised updates amplify rounding later
    config.data.test_limit = 16;
    config.single.epochs = 1;
    auto write = [&](const train::TrainConfig& c, const QString& name) {
      std::ofstream(dir.filePath(name).toStdString()) << train::to_json(c).dump(2);
      return dir.filePath(name);
    };
    config.batch_size = 32;
    const QString single_config = write(config, "single.json");
    config.batch_size = 16;
    const QString ranks_config = write(config, "ranks.json");
    const QString binvit = qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit";
    const QString port = QString::number(20000 + QRandomGenerator::global()->bounded(20000));

    QProcess one, two;
    one.start(binvit,
              {"train", "--quiet", "--config", single_config, "--out", dir.filePath("one")});
    two.start(binvit, {"launch", "--nproc", "2", "--port", port, "--", "--quiet", "--config",
                       ranks_config, "--out", dir.filePath("two")});
    QVERIFY(one.waitForFinished(300000));
    QVERIFY(two.waitForFinished(300000));
    QVERIFY2(one.exitCode() == 0, one.readAllStandardError().constData());
    QVERIFY2(two.exitCode() == 0, two.readAllStandardError().constData());
    const std::filesystem::path a = dir.filePath("one").toStdString();
    const std::filesystem::path b = dir.filePath("two").toStdString();
    compare_weights(a / "checkpoints/single/last.pt", b / "checkpoints/single/last.pt", 1e-5);
    // Only rank 0 wrote a run folder.
    QCOMPARE(train::RunFolder::open(b).read_metrics().size(),
             train::RunFolder::open(a).read_metrics().size());
  }

  // A rank that dies mid-run ends its peer with an error naming the cause, not a hang.
  void aLostPeerEndsTheRunWithAClearError() {
    QTemporaryDir dir;
    train::TrainConfig config = tiny_config("single", "float");
    config.data.train_limit = 20000;  // long enough to be killed in the middle
    config.single.epochs = 5;
    std::ofstream(dir.filePath("run.json").toStdString()) << train::to_json(config).dump(2);
    const QString binvit = qEnvironmentVariable("BINVIT_BINARY_DIR") + "/app/binvit";
    const QString master =
        "127.0.0.1:" + QString::number(20000 + QRandomGenerator::global()->bounded(20000));
    auto start = [&](QProcess& p, int rank) {
      p.start(binvit, {"train", "--config", dir.filePath("run.json"), "--out", dir.filePath("run"),
                       "--world-size", "2", "--rank", QString::number(rank), "--master", master,
                       "--timeout", "20"});
    };
    QProcess rank0, rank1;
    start(rank0, 0);
    start(rank1, 1);
    // Let both reach training (rank 0 logs its first epoch's progress), then kill rank 1.
    QByteArray output;
    auto training = [&] {
      output += rank0.readAllStandardOutput();  // read once, keep: QTRY re-evaluates at the end
      return output.contains("epoch 1/5") || rank0.state() == QProcess::NotRunning;
    };
    QTRY_VERIFY_WITH_TIMEOUT(training(), 120000);
    rank1.kill();
    QVERIFY(rank1.waitForFinished(10000));
    QVERIFY(rank0.waitForFinished(90000));
    QVERIFY(rank0.exitCode() != 0);
    const QByteArray error = rank0.readAllStandardError();
    QVERIFY2(error.contains("peer") && error.contains("rank 0"), error.constData());
  }
};

BINVIT_REGISTER_TEST(TestTrainingRuns);
#include "test_training_runs.moc"
