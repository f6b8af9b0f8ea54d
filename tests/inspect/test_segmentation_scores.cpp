#include "core/inspect/segmentation_overlay.h"
#include "core/train/segmentation_metrics.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <stdexcept>

using namespace binvit::inspect;
using namespace binvit::train;

class TestSegmentationScores : public QObject {
  Q_OBJECT

 private slots:
  void iouFromMasksAgainstHandValues() {
    // 3 classes; label 255 is ignored whatever was predicted there.
    const cv::Mat label = (cv::Mat_<uint8_t>(2, 4) << 0, 0, 1, 1, 2, 2, 255, 255);
    const cv::Mat prediction = (cv::Mat_<uint8_t>(2, 4) << 0, 1, 1, 1, 2, 0, 2, 1);
    SegmentationConfusion confusion(3);
    confusion.add(prediction, label);
    QCOMPARE(confusion.count(0, 0), 1LL);
    QCOMPARE(confusion.count(0, 1), 1LL);
    QCOMPARE(confusion.count(1, 1), 2LL);
    QCOMPARE(confusion.count(2, 2), 1LL);
    QCOMPARE(confusion.count(2, 0), 1LL);
    const SegmentationScores s = segmentation_scores(confusion);
    // class 0: TP 1, FN 1 (predicted 1), FP 1 (a 2 predicted 0) -> 1/3
    // class 1: TP 2, FP 1 -> 2/3; class 2: TP 1, FN 1 -> 1/2
    QCOMPARE(s.iou.size(), size_t{3});
    QVERIFY(std::abs(s.iou[0] - 1.0 / 3) < 1e-12);
    QVERIFY(std::abs(s.iou[1] - 2.0 / 3) < 1e-12);
    QVERIFY(std::abs(s.iou[2] - 0.5) < 1e-12);
    QVERIFY(std::abs(s.mean_iou - (1.0 / 3 + 2.0 / 3 + 0.5) / 3) < 1e-12);
    QCOMPARE(s.pixels, 6LL);
    QVERIFY(std::abs(s.pixel_accuracy - 4.0 / 6) < 1e-12);
  }

  void absentClassesDoNotCountInTheMean() {
    SegmentationConfusion confusion(4);
    confusion.add(0, 0, 3);
    confusion.add(1, 0, 1);
    const SegmentationScores s = segmentation_scores(confusion);
    QVERIFY(std::abs(s.iou[0] - 0.75) < 1e-12);
    QCOMPARE(s.iou[1], 0.0);
    QVERIFY(std::isnan(s.iou[2]) && std::isnan(s.iou[3]));
    QVERIFY(std::abs(s.mean_iou - 0.375) < 1e-12);
    QCOMPARE(s.pixel_accuracy, 0.75);
  }

  void rejectsBadMasks() {
    SegmentationConfusion confusion(2);
    const cv::Mat a = cv::Mat::zeros(2, 2, CV_8UC1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             confusion.add(a, cv::Mat::zeros(3, 2, CV_8UC1)));
    const cv::Mat bad = (cv::Mat_<uint8_t>(2, 2) << 0, 1, 7, 0);
    try {
      confusion.add(a, bad);
      QFAIL("label 7 of 2 classes must throw");
    } catch (const std::invalid_argument& error) {
      QVERIFY2(std::string(error.what()).find("label 7") != std::string::npos, error.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SegmentationConfusion(0));
  }

  void overlayColoursLabelledPixelsAndListsTheClasses() {
    const cv::Mat image(20, 30, CV_8UC1, cv::Scalar(100));
    cv::Mat mask(10, 15, CV_8UC1, cv::Scalar(255));  // half resolution: resized, nearest
    mask(cv::Rect(0, 0, 5, 10)).setTo(1);
    const std::vector<std::string> names{"sky", "road", "car"};
    OverlayOptions options;
    options.alpha = 1.0;
    const cv::Mat out = render_segmentation_overlay(image, mask, names, options);
    QCOMPARE(out.type(), CV_8UC3);
    QVERIFY(out.cols > image.cols);  // the legend column
    const cv::Vec3b road = class_colour(1);
    QCOMPARE(out.at<cv::Vec3b>(5, 3), road);
    QCOMPARE(out.at<cv::Vec3b>(5, 25), cv::Vec3b(100, 100, 100));  // ignored: untouched
    // The legend swatch of the one class present carries its colour.
    QCOMPARE(out.at<cv::Vec3b>(4 + 3 + 7, image.cols + 6 + 7), road);
    QVERIFY(class_colour(0) != class_colour(1) && class_colour(1) != class_colour(2));
    // Without the legend: the same overlay pixels at the image's size.
    options.legend = false;
    const cv::Mat bare = render_segmentation_overlay(image, mask, names, options);
    QCOMPARE(bare.size(), image.size());
    QCOMPARE(cv::norm(bare, out(cv::Rect(0, 0, image.cols, image.rows)), cv::NORM_INF), 0.0);
    const cv::Mat unnamed = cv::Mat(10, 15, CV_8UC1, cv::Scalar(3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             render_segmentation_overlay(image, unnamed, names));
  }
};

BINVIT_REGISTER_TEST(TestSegmentationScores);
#include "test_segmentation_scores.moc"
