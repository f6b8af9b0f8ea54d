#include <torch/torch.h>

#include "core/inspect/prediction_examples.h"
#include "core/nn/models/model_registry.h"
#include "core/train/training_recipe.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

using namespace binvit;

namespace {

// A tiny single-model run on real Fashion-MNIST images; its confusion matrix is the oracle.
train::TrainingOutcome tiny_run(const std::filesystem::path& folder) {
  train::TrainConfig c = train::demo_train_config();
  c.recipe = "single";
  c.model = nn::apply_overrides(c.model, {"embed_dim=32", "depth=1", "heads=2", "variant=float"});
  c.data.train_limit = 128;
  c.data.test_limit = 60;
  c.batch_size = 32;
  c.eval_batch_size = 16;  // several evaluation batches, and a smaller last one
  c.threads = 1;
  c.single.epochs = 1;
  c.validate();
  train::TrainingObserver observer;
  train::TrainingControl control;
  train::TrainingRunOptions options;
  options.run_folder = folder;
  return train::run_training(c, options, observer, control);
}

}  // namespace

class TestPredictionExamples : public QObject {
  Q_OBJECT

 private slots:
  void examplesReproduceTheConfusionMatrix() {
    QTemporaryDir dir;
    const std::filesystem::path run = dir.filePath("run").toStdString();
    const train::TrainingOutcome outcome = tiny_run(run);
    QVERIFY(outcome.completed);
    const auto& confusion = outcome.stages.back().confusion;
    int checked = 0;
    for (size_t t = 0; t < confusion.size(); ++t) {
      for (size_t p = 0; p < confusion.size(); ++p) {
        if (confusion[t][p] == 0 && (t + p) % 7 != 0)
          continue;  // every cell with images, some without
        inspect::PredictionQuery query;
        query.run_folder = run;
        query.true_class = static_cast<int>(t);
        query.predicted = static_cast<int>(p);
        query.limit = 100;
        const auto examples = inspect::find_prediction_examples(query);
        QCOMPARE(static_cast<int64_t>(examples.size()), confusion[t][p]);
        for (const auto& example : examples) {
          QCOMPARE(example.true_class, static_cast<int>(t));
          QCOMPARE(example.predicted, static_cast<int>(p));
          QVERIFY(!example.image.empty());
          QVERIFY(example.confidence > 0 && example.confidence <= 1);
          QVERIFY(!example.source.empty());
        }
        ++checked;
      }
    }
    QVERIFY(checked > 10);
    inspect::PredictionQuery limited;
    limited.run_folder = run;
    limited.true_class = 0;
    limited.predicted = 0;
    limited.limit = 1;
    QVERIFY(inspect::find_prediction_examples(limited).size() <= 1);
  }

  void badQueriesNameTheProblem() {
    inspect::PredictionQuery query;
    query.run_folder = "/nonexistent/run";
    try {
      inspect::find_prediction_examples(query);
      QFAIL("no error for a missing run");
    } catch (const std::runtime_error& error) {
      QVERIFY2(std::string(error.what()).find("/nonexistent/run") != std::string::npos,
               error.what());
    }
  }
};

BINVIT_REGISTER_TEST(TestPredictionExamples);
#include "test_prediction_examples.moc"
