#include <torch/torch.h>

#include "core/data/readers/cifar_dataset.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

using namespace binvit::data;
using namespace binvit::test;

namespace {

// The value of channel c at (y, x) of record r: distinct for every position of the first records.
uint8_t pixel(int r, int c, int y, int x) { return static_cast<uint8_t>((r * 31 + c * 83 + y * 5 + x) % 256); }

std::vector<uint8_t> records(const std::vector<std::vector<uint8_t>>& labels) {
  std::vector<uint8_t> bytes;
  for (size_t r = 0; r < labels.size(); ++r) {
    bytes.insert(bytes.end(), labels[r].begin(), labels[r].end());
    for (int c = 0; c < 3; ++c) {  // planar: all red, then all green, then all blue
      for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 32; ++x) bytes.push_back(pixel(static_cast<int>(r), c, y, x));
      }
    }
  }
  return bytes;
}

void check_pixels(const Dataset& dataset, size_t index, int record) {
  const cv::Mat image = dataset.get(index).image;
  QCOMPARE(image.type(), CV_8UC3);
  QCOMPARE(image.rows, 32);
  QCOMPARE(image.cols, 32);
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 32; ++x) {
      const cv::Vec3b rgb = image.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) {
        if (rgb[c] != pixel(record, c, y, x)) QFAIL(qPrintable(QString("pixel %1,%2 channel %3").arg(x).arg(y).arg(c)));
      }
    }
  }
}

}  // namespace

class TestCifarReader : public QObject {
  Q_OBJECT

 private slots:
  void cifar10KeepsThePlanarLayoutPixelByPixel() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_bytes(root / "test_batch.bin", records({{3}, {9}}));
    const auto dataset = read_cifar_folder(root, CifarVariant::kCifar10, Split::kTest);
    QCOMPARE(dataset->size(), size_t{2});
    QCOMPARE(dataset->label(0), int64_t{3});
    QCOMPARE(dataset->label(1), int64_t{9});
    check_pixels(*dataset, 0, 0);
    check_pixels(*dataset, 1, 1);
    QCOMPARE(dataset->class_names().front(), std::string("0"));  // no meta file
    QCOMPARE(dataset->source(1), (root / "test_batch.bin").string() + "#1");
  }

  void cifar10TrainReadsFiveBatchesAndTheMetaFile() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    for (int b = 1; b <= 5; ++b) {
      write_bytes(root / ("data_batch_" + std::to_string(b) + ".bin"), records({{uint8_t(b)}}));
    }
    write_text(root / "batches.meta.txt",
               "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    const auto dataset = read_cifar_folder(root, CifarVariant::kCifar10, Split::kTrain);
    QCOMPARE(dataset->size(), size_t{5});
    QCOMPARE(dataset->label(4), int64_t{5});
    QCOMPARE(dataset->class_names().size(), size_t{10});
    QCOMPARE(dataset->class_names()[3], std::string("cat"));
  }

  void cifar100FineAndCoarseLabels() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_bytes(root / "train.bin", records({{19, 99}, {0, 7}}));
    std::string fine, coarse;
    for (int i = 0; i < 100; ++i) fine += "fine" + std::to_string(i) + "\n";
    for (int i = 0; i < 20; ++i) coarse += "coarse" + std::to_string(i) + "\n";
    write_text(root / "fine_label_names.txt", fine);
    write_text(root / "coarse_label_names.txt", coarse);
    const auto fine_set = read_cifar_folder(root, CifarVariant::kCifar100Fine, Split::kTrain);
    QCOMPARE(fine_set->label(0), int64_t{99});
    QCOMPARE(fine_set->class_names()[99], std::string("fine99"));
    check_pixels(*fine_set, 1, 1);
    const auto coarse_set = read_cifar_folder(root, CifarVariant::kCifar100Coarse, Split::kTrain);
    QCOMPARE(coarse_set->label(0), int64_t{19});
    QCOMPARE(coarse_set->num_classes(), size_t{20});
    QCOMPARE(coarse_set->class_names()[19], std::string("coarse19"));
  }

  void truncatedFileNamesTheOffset() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "test_batch.bin";
    auto bytes = records({{1}, {2}});
    bytes.resize(bytes.size() - 100);
    write_bytes(file, bytes);
    const std::string message = data_error_of([&] { read_cifar_files({file}, CifarVariant::kCifar10); });
    QVERIFY2(contains(message, file.string()) && contains(message, "truncated") &&
                 contains(message, "offset 3073"),
             message.c_str());
  }

  void labelOutOfRangeNamesTheOffset() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "test_batch.bin";
    write_bytes(file, records({{1}, {10}}));
    const std::string message = data_error_of([&] { read_cifar_files({file}, CifarVariant::kCifar10); });
    QVERIFY2(contains(message, "label 10 at offset 3073"), message.c_str());
  }

  void shortMetaFileIsReported() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_bytes(root / "test_batch.bin", records({{1}}));
    write_text(root / "batches.meta.txt", "airplane\nautomobile\n");
    const std::string message =
        data_error_of([&] { read_cifar_folder(root, CifarVariant::kCifar10, Split::kTest); });
    QVERIFY2(contains(message, "batches.meta.txt") && contains(message, "2 class names"), message.c_str());
  }

  void missingBatchIsNamed() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    const std::string message =
        data_error_of([&] { read_cifar_folder(root, CifarVariant::kCifar100Fine, Split::kTest); });
    QVERIFY2(contains(message, "test.bin"), message.c_str());
  }
};

BINVIT_REGISTER_TEST(TestCifarReader);
#include "test_cifar_reader.moc"
