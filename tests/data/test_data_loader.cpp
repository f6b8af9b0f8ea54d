#include <torch/torch.h>

#include "core/data/data_loader.h"
#include "core/data/in_memory_dataset.h"
#include "core/data/readers/image_folder_dataset.h"
#include "core/data/transforms/geometry.h"
#include "core/data/transforms/presets.h"
#include "core/data/transforms/segmentation_transforms.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace binvit::data;
using namespace binvit::test;

namespace {

// n grey 6x6 images; image i has value i and label i % 3.
std::shared_ptr<InMemoryDataset> numbered_set(size_t n) {
  std::vector<cv::Mat> images;
  std::vector<int64_t> labels;
  std::vector<std::string> sources;
  for (size_t i = 0; i < n; ++i) {
    images.emplace_back(6, 6, CV_8UC1, cv::Scalar(static_cast<double>(i)));
    labels.push_back(static_cast<int64_t>(i % 3));
    sources.push_back("item" + std::to_string(i));
  }
  return std::make_shared<InMemoryDataset>(images, labels, std::vector<std::string>{"a", "b", "c"},
                                           sources);
}

std::vector<Batch> whole_epoch(DataLoader& loader, uint64_t epoch) {
  loader.start_epoch(epoch);
  std::vector<Batch> batches;
  while (auto batch = loader.next()) batches.push_back(std::move(*batch));
  return batches;
}

std::vector<size_t> indices_of(const std::vector<Batch>& batches) {
  std::vector<size_t> all;
  for (const Batch& batch : batches)
    all.insert(all.end(), batch.indices.begin(), batch.indices.end());
  return all;
}

TransformPtr random_crop() { return std::make_shared<RandomCrop>(4, 2); }

}  // namespace

class TestDataLoader : public QObject {
  Q_OBJECT

 private slots:
  void everyItemOnceWithTensorsOfTheRightKind() {
    LoaderOptions options;
    options.batch_size = 3;
    options.seed = 5;
    DataLoader loader(numbered_set(10), nullptr, options);
    const std::vector<Batch> batches = whole_epoch(loader, 0);
    QCOMPARE(batches.size(), size_t{4});
    QCOMPARE(loader.batches_per_epoch(), size_t{4});
    std::vector<size_t> all = indices_of(batches);
    std::sort(all.begin(), all.end());
    for (size_t i = 0; i < 10; ++i) QCOMPARE(all[i], i);
    const Batch& first = batches.front();
    QCOMPARE(first.images.sizes(), (torch::IntArrayRef{3, 1, 6, 6}));
    QCOMPARE(first.images.scalar_type(), torch::kFloat32);
    QCOMPARE(first.labels.scalar_type(), torch::kInt64);
    for (size_t k = 0; k < 3; ++k) {
      QVERIFY(std::abs(first.images[k].max().item<float>() - first.indices[k] / 255.0f) < 1e-7f);
      QCOMPARE(first.labels[k].item<int64_t>(), static_cast<int64_t>(first.indices[k] % 3));
    }
    QCOMPARE(batches.back().images.size(0), int64_t{1});
  }

  void dropLastAndNoShuffle() {
    LoaderOptions options;
    options.batch_size = 3;
    options.drop_last = true;
    options.shuffle = false;
    DataLoader loader(numbered_set(10), nullptr, options);
    const std::vector<Batch> batches = whole_epoch(loader, 0);
    QCOMPARE(batches.size(), size_t{3});
    QCOMPARE(indices_of(batches), (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  }

  void deterministicForSeedAndEpochWhateverTheWorkers() {
    LoaderOptions serial;
    serial.batch_size = 4;
    serial.num_workers = 0;
    serial.seed = 11;
    LoaderOptions parallel = serial;
    parallel.num_workers = 3;
    parallel.prefetch = 2;
    DataLoader a(numbered_set(21), random_crop(), serial);
    DataLoader b(numbered_set(21), random_crop(), parallel);
    const auto epoch1_a = whole_epoch(a, 1);
    const auto epoch1_b = whole_epoch(b, 1);
    QCOMPARE(indices_of(epoch1_a), indices_of(epoch1_b));
    for (size_t k = 0; k < epoch1_a.size(); ++k)
      QVERIFY(torch::equal(epoch1_a[k].images, epoch1_b[k].images));
    QVERIFY(indices_of(whole_epoch(a, 2)) != indices_of(epoch1_a));  // reshuffled every epoch
    QCOMPARE(indices_of(whole_epoch(a, 1)), indices_of(epoch1_a));
  }

  void shardsCoverTheEpochWithoutOverlap() {
    std::multiset<size_t> seen;
    for (size_t rank = 0; rank < 3; ++rank) {
      LoaderOptions options;
      options.batch_size = 2;
      options.seed = 3;
      options.rank = rank;
      options.world_size = 3;
      DataLoader loader(numbered_set(10), nullptr, options);
      const auto items = indices_of(whole_epoch(loader, 4));
      QCOMPARE(items.size(), size_t{4});  // ceil(10 / 3), padded from the start of the order
      seen.insert(items.begin(), items.end());
    }
    QCOMPARE(seen.size(), size_t{12});
    for (size_t i = 0; i < 10; ++i) QVERIFY(seen.count(i) >= 1);
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        DataLoader(numbered_set(3), nullptr, LoaderOptions{2, 0, 1, true, false, 0, 2, 2}));
  }

  void restartingAnEpochMidwayIsClean() {
    LoaderOptions options;
    options.batch_size = 2;
    options.num_workers = 2;
    DataLoader loader(numbered_set(30), nullptr, options);
    loader.start_epoch(0);
    QVERIFY(loader.next().has_value());
    const auto full = whole_epoch(loader, 1);
    QCOMPARE(indices_of(full).size(), size_t{30});
  }

  void workerErrorsReachTheCaller() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "a" / "good.png", pattern_image(4, 4, 1));
    write_text(root / "a" / "bad.png", "garbage");
    LoaderOptions options;
    options.batch_size = 1;
    options.shuffle = false;
    DataLoader loader(read_image_folder(root), nullptr, options);
    loader.start_epoch(0);
    const std::string message = data_error_of([&] {
      while (loader.next()) {
      }
    });
    QVERIFY2(contains(message, "bad.png") && contains(message, "undecodable"), message.c_str());
    loader.start_epoch(1);  // still usable: the same item fails the same way, the good one loads
    QVERIFY(contains(data_error_of([&] { loader.next(); }), "bad.png"));
    QVERIFY(loader.next().has_value());
  }

  void mismatchedSizesNameTheItem() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "a" / "one.png", pattern_image(4, 4, 1));
    write_rgb_png(root / "a" / "two.png", pattern_image(5, 4, 1));
    LoaderOptions options;
    options.batch_size = 2;
    options.shuffle = false;
    DataLoader loader(read_image_folder(root), nullptr, options);
    try {
      loader.next();
      QFAIL("no error");
    } catch (const std::runtime_error& error) {
      QVERIFY2(contains(error.what(), "two.png"), error.what());
    }
  }

  void gsbPipelineOnSyntheticImages() {
    PipelineOptions pipeline;
    pipeline.image_size = 32;
    LoaderOptions options;
    options.batch_size = 8;
    DataLoader loader(numbered_set(16), gsb_train_transforms(pipeline), options);
    const auto batch = loader.next();
    QVERIFY(batch.has_value());
    QCOMPARE(batch->images.sizes(), (torch::IntArrayRef{8, 3, 32, 32}));
    QVERIFY(torch::isfinite(batch->images).all().item<bool>());
  }

  void segmentationBatchesCarryTheMasksAligned() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    // Mask pixel (y, x) holds x % 3, and the image's red channel encodes x, so after any flip
    // both must still agree column by column.
    for (int i = 0; i < 4; ++i) {
      const std::string stem = "p" + std::to_string(i);
      cv::Mat mask(5, 7, CV_8UC1);
      for (int y = 0; y < 5; ++y) {
        for (int x = 0; x < 7; ++x) mask.at<uint8_t>(y, x) = static_cast<uint8_t>(x % 3);
      }
      mask.at<uint8_t>(0, 0) = kIgnoreIndex;
      write_rgb_png(root / "images" / (stem + ".png"), pattern_image(7, 5, i));
      write_rgb_png(root / "masks" / (stem + ".png"), mask);
    }
    write_text(root / "classes.txt", "a\nb\nc\n");
    LoaderOptions options;
    options.batch_size = 4;
    options.seed = 3;
    const auto flip = std::make_shared<PairHorizontalFlip>(0.5);
    DataLoader loader(read_segmentation_folder(root), flip, options);
    const std::vector<Batch> batches = whole_epoch(loader, 0);
    QCOMPARE(batches.size(), size_t{1});
    const Batch& batch = batches.front();
    QCOMPARE(batch.images.sizes(), (torch::IntArrayRef{4, 3, 5, 7}));
    QCOMPARE(batch.labels.sizes(), (torch::IntArrayRef{4, 5, 7}));
    QCOMPARE(batch.labels.scalar_type(), torch::kInt64);
    for (int64_t k = 0; k < 4; ++k) {
      const int seed = static_cast<int>(batch.indices[k]);
      const bool mirrored = std::lround(batch.images[k][0][1][0].item<float>() * 255) != seed * 10;
      for (int64_t x = 0; x < 7; ++x) {
        const int64_t source_x = mirrored ? 6 - x : x;
        QCOMPARE(std::lround(batch.images[k][0][2][x].item<float>() * 255),
                 long(seed * 10 + source_x));
        QCOMPARE(batch.labels[k][2][x].item<int64_t>(), source_x % 3);
      }
      QCOMPARE(batch.labels[k][0][mirrored ? 6 : 0].item<int64_t>(), int64_t{kIgnoreIndex});
    }
    QVERIFY(whole_epoch(loader, 0).front().labels.equal(batch.labels));  // deterministic per epoch
  }
};

BINVIT_REGISTER_TEST(TestDataLoader);
#include "test_data_loader.moc"
