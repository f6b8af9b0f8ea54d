#include <torch/torch.h>

#include "core/data/data_loader.h"
#include "core/data/default_dataset.h"
#include "core/data/transforms/presets.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

using namespace binvit::data;

// The end-to-end check on the real files of Debian's dataset-fashion-mnist.
class TestFashionMnist : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!missing_files(default_dataset()).empty()) {
      QSKIP("dataset-fashion-mnist is not installed");
    }
  }

  void trainAndTestHaveTheirSizes() {
    for (const auto& [split, count] : {std::pair{Split::kTrain, size_t{60000}}, std::pair{Split::kTest, size_t{10000}}}) {
      const auto dataset = open_default_dataset(split);
      QCOMPARE(dataset->size(), count);
      QCOMPARE(dataset->class_names(), default_dataset().class_names);
      std::vector<size_t> per_class(10, 0);
      for (size_t i = 0; i < dataset->size(); ++i) {
        const int64_t label = dataset->label(i);
        QVERIFY(label >= 0 && label < 10);
        ++per_class[static_cast<size_t>(label)];
      }
      // Fashion-MNIST is balanced: 6000 / 1000 images per class.
      for (size_t c = 0; c < 10; ++c) QCOMPARE(per_class[c], count / 10);
      const Sample sample = dataset->get(count - 1);
      QCOMPARE(sample.image.rows, 28);
      QCOMPARE(sample.image.cols, 28);
      QCOMPARE(sample.image.type(), CV_8UC1);
    }
  }

  void batchesThroughTheGsbTrainingPipeline() {
    PipelineOptions pipeline;
    pipeline.image_size = 28;
    pipeline.channels = 1;
    pipeline.mean = {0.2860};
    pipeline.std = {0.3530};
    LoaderOptions options;
    options.batch_size = 256;
    DataLoader loader(open_default_dataset(Split::kTest), gsb_train_transforms(pipeline), options);
    QCOMPARE(loader.batches_per_epoch(), size_t{40});
    const auto batch = loader.next();
    QVERIFY(batch.has_value());
    QCOMPARE(batch->images.sizes(), (torch::IntArrayRef{256, 1, 28, 28}));
    QVERIFY(batch->labels.min().item<int64_t>() >= 0 && batch->labels.max().item<int64_t>() <= 9);
  }
};

BINVIT_REGISTER_TEST(TestFashionMnist);
#include "test_fashion_mnist.moc"
