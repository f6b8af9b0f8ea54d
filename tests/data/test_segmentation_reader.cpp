#include <torch/torch.h>

#include "core/data/segmentation_dataset.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

using namespace binvit::data;
using namespace binvit::test;

namespace {

cv::Mat mask_of(int width, int height, std::initializer_list<uint8_t> values) {
  cv::Mat mask(height, width, CV_8UC1);
  auto value = values.begin();
  for (int i = 0; i < width * height; ++i) {
    mask.data[i] = *value;
    if (++value == values.end()) value = values.begin();
  }
  return mask;
}

}  // namespace

class TestSegmentationReader : public QObject {
  Q_OBJECT

 private slots:
  void ade20kReducesTheZeroLabel() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_image(root / "images" / "training" / "ADE_train_1.jpg", pattern_image(4, 3, 1));
    write_rgb_png(root / "annotations" / "training" / "ADE_train_1.png", mask_of(4, 3, {0, 1, 150, 255}));
    fs::create_directories(root / "images" / "validation");
    const auto dataset = read_ade20k(root, Split::kTrain);
    QCOMPARE(dataset->size(), size_t{1});
    QCOMPARE(dataset->class_names().size(), size_t{150});
    const SegmentationSample sample = dataset->get(0);
    QCOMPARE(sample.image.size(), sample.mask.size());
    QCOMPARE(int(sample.mask.data[0]), kIgnoreIndex);
    QCOMPARE(int(sample.mask.data[1]), 0);
    QCOMPARE(int(sample.mask.data[2]), 149);
    QCOMPARE(int(sample.mask.data[3]), kIgnoreIndex);
    QCOMPARE(read_ade20k(root, Split::kVal)->size(), size_t{0});
  }

  void folderPairWithClassList() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "images" / "a.png", pattern_image(5, 5, 1));
    write_rgb_png(root / "masks" / "a.png", mask_of(5, 5, {0, 2, 255}));
    write_text(root / "classes.txt", "sky\ntree\nroad\n");
    const auto dataset = read_segmentation_folder(root);
    QCOMPARE(dataset->class_names(), (std::vector<std::string>{"sky", "tree", "road"}));
    const SegmentationSample sample = dataset->get(0);
    QCOMPARE(int(sample.mask.data[1]), 2);
    QCOMPARE(int(sample.mask.data[2]), 255);
  }

  void maskSizeMismatchNamesTheMask() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "images" / "a.png", pattern_image(5, 5, 1));
    write_rgb_png(root / "masks" / "a.png", mask_of(4, 5, {0}));
    write_text(root / "classes.txt", "sky\n");
    const std::string message = data_error_of([&] { read_segmentation_folder(root)->get(0); });
    QVERIFY2(contains(message, (root / "masks" / "a.png").string()) && contains(message, "4x5") &&
                 contains(message, "5x5"),
             message.c_str());
  }

  void maskValueOutOfRangeAndMissingMask() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "images" / "a.png", pattern_image(5, 5, 1));
    write_rgb_png(root / "masks" / "a.png", mask_of(5, 5, {0, 7}));
    write_text(root / "classes.txt", "sky\ntree\n");
    std::string message = data_error_of([&] { read_segmentation_folder(root)->get(0); });
    QVERIFY2(contains(message, "mask value 7"), message.c_str());

    write_rgb_png(root / "images" / "b.png", pattern_image(5, 5, 1));
    message = data_error_of([&] { read_segmentation_folder(root); });
    QVERIFY2(contains(message, "masks/b.png") && contains(message, "missing mask"), message.c_str());
    const auto skipping = read_segmentation_folder(root, ReadOptions{true});
    QCOMPARE(skipping->size(), size_t{1});
    QCOMPARE(skipping->skipped(), size_t{1});
  }
};

BINVIT_REGISTER_TEST(TestSegmentationReader);
#include "test_segmentation_reader.moc"
