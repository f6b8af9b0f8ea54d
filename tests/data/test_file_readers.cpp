#include <torch/torch.h>

#include "core/data/readers/csv_list_dataset.h"
#include "core/data/readers/image_folder_dataset.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

using namespace binvit::data;
using namespace binvit::test;

class TestFileReaders : public QObject {
  Q_OBJECT

 private slots:
  void imageFolderFlattensNestedFoldersAndIgnoresCase() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "cat" / "a.png", pattern_image(5, 4, 1));
    write_rgb_png(root / "cat" / "deep" / "er" / "b.PNG", pattern_image(5, 4, 2));
    write_image(root / "dog" / "c.JPG", pattern_image(6, 6, 3));
    write_image(root / "dog" / "d.bmp", pattern_image(3, 3, 4));
    write_image(root / "dog" / "e.ppm", pattern_image(3, 3, 5));
    write_text(root / "dog" / "notes.txt", "not an image");
    const auto dataset = read_image_folder(root);
    QCOMPARE(dataset->class_names(), (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(dataset->size(), size_t{5});
    QCOMPARE(dataset->label(1), int64_t{0});
    QVERIFY(contains(dataset->source(1), "deep/er/b.PNG"));
    QCOMPARE(dataset->label(2), int64_t{1});
    const Sample sample = dataset->get(0);
    QCOMPARE(sample.image.type(), CV_8UC3);
    QCOMPARE(cv::norm(sample.image, pattern_image(5, 4, 1), cv::NORM_INF), 0.0);  // RGB order kept
  }

  void imageFolderWithoutClassesIsAnError() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    QVERIFY(contains(data_error_of([&] { read_image_folder(root); }), "no class subfolders"));
    QVERIFY(contains(data_error_of([&] { read_image_folder(root / "nope"); }), "not a folder"));
  }

  void undecodableImageIsNamedOrSkipped() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "a" / "good.png", pattern_image(4, 4, 1));
    write_text(root / "a" / "broken.png", "this is not a PNG");
    const auto dataset = read_image_folder(root);
    QCOMPARE(dataset->size(), size_t{2});
    const size_t broken = contains(dataset->source(0), "broken") ? 0 : 1;
    const std::string message = data_error_of([&] { dataset->get(broken); });
    QVERIFY2(contains(message, "broken.png") && contains(message, "undecodable"), message.c_str());

    const auto skipping = read_image_folder(root, ReadOptions{true});
    QCOMPARE(skipping->size(), size_t{1});
    QCOMPARE(skipping->skipped(), size_t{1});
    QVERIFY(contains(skipping->source(0), "good.png"));
  }

  void csvListWithIndicesAndHeader() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "img" / "x.png", pattern_image(4, 4, 1));
    write_rgb_png(root / "img" / "y.png", pattern_image(4, 4, 2));
    write_text(root / "list.csv", "path,label\nimg/x.png,2\n\n# comment\nimg/y.png, 0\n");
    const auto dataset = read_csv_list(root / "list.csv");
    QCOMPARE(dataset->size(), size_t{2});
    QCOMPARE(dataset->num_classes(), size_t{3});
    QCOMPARE(dataset->label(0), int64_t{2});
    QCOMPARE(dataset->get(1).label, int64_t{0});
    QCOMPARE(cv::norm(dataset->get(1).image, pattern_image(4, 4, 2), cv::NORM_INF), 0.0);
  }

  void textListWithClassNames() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "x.png", pattern_image(4, 4, 1));
    write_rgb_png(root / "y.png", pattern_image(4, 4, 2));
    write_text(root / "list.txt", (root / "x.png").string() + " zebra\ny.png\tant\n");
    const auto dataset = read_csv_list(root / "list.txt");
    QCOMPARE(dataset->class_names(), (std::vector<std::string>{"ant", "zebra"}));
    QCOMPARE(dataset->label(0), int64_t{1});
    QCOMPARE(dataset->label(1), int64_t{0});
  }

  void csvListErrorsNameTheListAndLine() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_text(root / "bad.csv", "a.png,1\nnolabel\n");
    std::string message = data_error_of([&] { read_csv_list(root / "bad.csv"); });
    QVERIFY2(contains(message, "bad.csv") && contains(message, "line 2"), message.c_str());

    write_text(root / "missing.csv", "gone.png,0\n");
    message = data_error_of([&] { read_csv_list(root / "missing.csv"); });
    QVERIFY2(contains(message, "missing.csv") && contains(message, "missing image") &&
                 contains(message, "gone.png"),
             message.c_str());
    const auto skipping = read_csv_list(root / "missing.csv", ReadOptions{true});
    QCOMPARE(skipping->size(), size_t{0});
    QCOMPARE(skipping->skipped(), size_t{1});
  }
};

BINVIT_REGISTER_TEST(TestFileReaders);
#include "test_file_readers.moc"
