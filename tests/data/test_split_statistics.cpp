#include <torch/torch.h>

#include "core/data/dataset_statistics.h"
#include "core/data/in_memory_dataset.h"
#include "core/data/subset_dataset.h"
#include "core/data/validation_split.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace binvit::data;
using namespace binvit::test;

namespace {

std::vector<std::string> numbered(size_t n) {
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("c" + std::to_string(i));
  return names;
}

// `counts[c]` items of class c; image i is a 2x2 grey image of value i % 256.
std::shared_ptr<InMemoryDataset> labelled_set(const std::vector<size_t>& counts) {
  std::vector<cv::Mat> images;
  std::vector<int64_t> labels;
  std::vector<std::string> sources;
  for (size_t c = 0; c < counts.size(); ++c) {
    for (size_t k = 0; k < counts[c]; ++k) {
      images.push_back(cv::Mat(2, 2, CV_8UC1, cv::Scalar(static_cast<double>(images.size() % 256))));
      labels.push_back(static_cast<int64_t>(c));
      sources.push_back("item" + std::to_string(sources.size()));
    }
  }
  return std::make_shared<InMemoryDataset>(images, labels, numbered(counts.size()), sources);
}

}  // namespace

class TestSplitStatistics : public QObject {
  Q_OBJECT

 private slots:
  void splitIsStratified() {
    const auto dataset = labelled_set({100, 40, 10, 1});
    const SplitIndices split = stratified_split(*dataset, 20.0, 7);
    std::vector<size_t> val_per_class(4, 0);
    for (size_t i : split.val) ++val_per_class[static_cast<size_t>(dataset->label(i))];
    QCOMPARE(val_per_class, (std::vector<size_t>{20, 8, 2, 0}));
    QCOMPARE(split.train.size() + split.val.size(), dataset->size());
    std::vector<size_t> all = split.train;
    all.insert(all.end(), split.val.begin(), split.val.end());
    std::sort(all.begin(), all.end());
    QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());  // disjoint
  }

  void splitIsReproducibleAndSeeded() {
    const auto dataset = labelled_set({50, 50});
    QCOMPARE(stratified_split(*dataset, 10.0, 1).val, stratified_split(*dataset, 10.0, 1).val);
    QVERIFY(stratified_split(*dataset, 10.0, 1).val != stratified_split(*dataset, 10.0, 2).val);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stratified_split(*dataset, 120.0, 1));
  }

  void splitDatasetsViewTheBase() {
    const auto dataset = labelled_set({10, 10});
    const auto [train, val] = split_dataset(dataset, 50.0, 3);
    QCOMPARE(train->size(), size_t{10});
    QCOMPARE(val->size(), size_t{10});
    QCOMPARE(val->class_names(), dataset->class_names());
    QVERIFY(contains(val->source(0), "item"));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, SubsetDataset(dataset, {20}));
  }

  void statisticsCountClassesSizesAndMoments() {
    const auto dataset = labelled_set({3, 1});  // pixel values 0, 1, 2, 3
    const DatasetStatistics stats = compute_statistics(*dataset);
    QCOMPARE(stats.class_counts, (std::vector<size_t>{3, 1}));
    QCOMPARE(stats.sampled, size_t{4});
    QCOMPARE(stats.channels, 1);
    QCOMPARE(stats.sizes.at({2, 2}), size_t{4});
    const double mean = 1.5 / 255.0;
    const double var = (2.25 + 0.25 + 0.25 + 2.25) / 4.0 / (255.0 * 255.0);
    QVERIFY(std::abs(stats.mean[0] - mean) < 1e-12);
    QVERIFY(std::abs(stats.std[0] - std::sqrt(var)) < 1e-9);
    const nlohmann::json json = to_json(stats);
    QCOMPARE(json["classes"][1]["count"].get<size_t>(), size_t{1});
    QCOMPARE(compute_statistics(*dataset, 2).sampled, size_t{2});
  }
};

BINVIT_REGISTER_TEST(TestSplitStatistics);
#include "test_split_statistics.moc"
