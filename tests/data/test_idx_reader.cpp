#include <torch/torch.h>

#include "core/data/readers/idx_file.h"
#include "core/data/readers/mnist_dataset.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

using namespace binvit::data;
using namespace binvit::test;

namespace {

// Three 2x3 images with pixel value 10 * image + position, labels 2, 0, 1.
std::vector<uint8_t> image_data() {
  std::vector<uint8_t> data;
  for (int i = 0; i < 3; ++i) {
    for (int p = 0; p < 6; ++p) data.push_back(static_cast<uint8_t>(10 * i + p));
  }
  return data;
}

void write_set(const fs::path& root, bool gzip, const std::string& prefix = "train") {
  const auto images = idx_bytes({3, 2, 3}, image_data());
  const auto labels = idx_bytes({3}, {2, 0, 1});
  if (gzip) {
    write_gzip(root / (prefix + "-images-idx3-ubyte.gz"), images);
    write_gzip(root / (prefix + "-labels-idx1-ubyte.gz"), labels);
  } else {
    write_bytes(root / (prefix + "-images-idx3-ubyte"), images);
    write_bytes(root / (prefix + "-labels-idx1-ubyte"), labels);
  }
}

void check_set(const Dataset& dataset) {
  QCOMPARE(dataset.size(), size_t{3});
  QCOMPARE(dataset.num_classes(), size_t{10});
  QCOMPARE(dataset.label(0), int64_t{2});
  QCOMPARE(dataset.label(2), int64_t{1});
  const Sample sample = dataset.get(1);
  QCOMPARE(sample.image.rows, 2);
  QCOMPARE(sample.image.cols, 3);
  QCOMPARE(sample.image.type(), CV_8UC1);
  for (int p = 0; p < 6; ++p) QCOMPARE(int(sample.image.data[p]), 10 + p);
  QCOMPARE(sample.label, int64_t{0});
  QVERIFY(contains(dataset.source(1), "train-images-idx3-ubyte"));
  QVERIFY(contains(dataset.source(1), "#1"));
}

}  // namespace

class TestIdxReader : public QObject {
  Q_OBJECT

 private slots:
  void readsGzipFiles() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_set(root, true);
    check_set(*read_mnist_folder(root, Split::kTrain, false));
  }

  void readsRawFiles() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_set(root, false);
    check_set(*read_mnist_folder(root, Split::kTrain, true));
  }

  void getReturnsACopy() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_set(root, false);
    const auto dataset = read_mnist_folder(root, Split::kTrain, true);
    dataset->get(0).image.setTo(255);
    QCOMPARE(int(dataset->get(0).image.data[0]), 0);
  }

  void wrongMagicNamesTheFile() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "bad-images";
    write_bytes(file, {0x1f, 0x00, 0x08, 0x03, 0, 0, 0, 0});
    const std::string message = data_error_of([&] { read_idx_file(file); });
    QVERIFY2(contains(message, file.string()) && contains(message, "wrong magic"), message.c_str());
  }

  void truncatedFileNamesTheOffset() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "short-images.gz";
    auto bytes = idx_bytes({3, 2, 3}, image_data());
    bytes.resize(bytes.size() - 5);  // 16-byte header + 13 of 18 data bytes
    write_gzip(file, bytes);
    const std::string message = data_error_of([&] { read_idx_file(file); });
    QVERIFY2(contains(message, file.string()) && contains(message, "truncated") &&
                 contains(message, "offset 29"),
             message.c_str());
  }

  void truncatedHeaderIsReported() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "header";
    write_bytes(file, {0, 0, 8, 3, 0, 0});
    const std::string message = data_error_of([&] { read_idx_file(file); });
    QVERIFY2(contains(message, "truncated") && contains(message, "offset 6"), message.c_str());
  }

  void countMismatchNamesBothFiles() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_bytes(root / "images", idx_bytes({3, 2, 3}, image_data()));
    write_bytes(root / "labels", idx_bytes({2}, {1, 1}));
    const std::string message =
        data_error_of([&] { read_idx_dataset(root / "images", root / "labels", mnist_class_names()); });
    QVERIFY2(contains(message, (root / "labels").string()) && contains(message, "2 labels for 3 images"),
             message.c_str());
  }

  void labelOutOfRangeIsReported() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_bytes(root / "images", idx_bytes({3, 2, 3}, image_data()));
    write_bytes(root / "labels", idx_bytes({3}, {1, 12, 1}));
    const std::string message =
        data_error_of([&] { read_idx_dataset(root / "images", root / "labels", mnist_class_names()); });
    QVERIFY2(contains(message, "label 12 of record 1"), message.c_str());
  }

  void missingFileIsNamed() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    const std::string message = data_error_of([&] { read_mnist_folder(root, Split::kTest, true); });
    QVERIFY2(contains(message, "t10k-") && contains(message, "missing"),
             message.c_str());
  }
};

BINVIT_REGISTER_TEST(TestIdxReader);
#include "test_idx_reader.moc"
