#include <torch/torch.h>

#include "core/data/transforms/color.h"
#include "core/data/transforms/geometry.h"
#include "core/data/transforms/segmentation_transforms.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

using namespace binvit::data;

namespace {

// 8 x 8 blocks of classes 0..3 over a 48 x 40 image whose grey value is 40 * (class + 1), so the
// image says which class each pixel should carry.
SegmentationSample blocks() {
  SegmentationSample sample{cv::Mat(40, 48, CV_8UC1), cv::Mat(40, 48, CV_8UC1)};
  for (int y = 0; y < 40; ++y) {
    for (int x = 0; x < 48; ++x) {
      const int label = (x / 8 + y / 8) % 4;
      sample.mask.at<uint8_t>(y, x) = static_cast<uint8_t>(label);
      sample.image.at<uint8_t>(y, x) = static_cast<uint8_t>(40 * (label + 1));
    }
  }
  return sample;
}

// The fraction of labelled pixels whose image value is nearer another class's value than their own
// (classes are 40 apart). Bilinear image pixels on a block edge mix two classes but lean to the
// side holding the pixel centre, which is the class nearest-exact gives the mask; a mask shifted by
// one pixel would put every edge pixel on the wrong side. (Measured: 3-7 % with nearest-exact
// masks, where block corners mix four classes; up to 17 % with the half-pixel-shifted nearest.)
double misaligned_fraction(const SegmentationSample& sample) {
  int labelled = 0, wrong = 0;
  for (int y = 0; y < sample.mask.rows; ++y) {
    for (int x = 0; x < sample.mask.cols; ++x) {
      const int label = sample.mask.at<uint8_t>(y, x);
      if (label == kIgnoreIndex) {
        if (sample.image.at<uint8_t>(y, x) != 0) ++wrong;  // padding pads both
        continue;
      }
      ++labelled;
      if (std::abs(sample.image.at<uint8_t>(y, x) - 40 * (label + 1)) > 20) ++wrong;
    }
  }
  return labelled == 0 ? 1.0 : static_cast<double>(wrong) / labelled;
}

}  // namespace

class TestSegmentationTransforms : public QObject {
  Q_OBJECT

 private slots:
  void pairTransformsKeepImageAndMaskAligned() {
    const SegmentationCompose pipeline({std::make_shared<PairRandomScale>(0.5, 2.0),
                                        std::make_shared<PairRandomCrop>(cv::Size(64, 64)),
                                        std::make_shared<PairHorizontalFlip>(0.5)});
    for (uint64_t seed = 0; seed < 20; ++seed) {
      Rng rng(seed);
      const SegmentationSample out = pipeline.apply(blocks(), rng);
      QCOMPARE(out.image.size(), cv::Size(64, 64));
      QCOMPARE(out.mask.size(), cv::Size(64, 64));
      QCOMPARE(out.mask.type(), CV_8UC1);
      QVERIFY2(misaligned_fraction(out) < 0.08, qPrintable(QString::number(misaligned_fraction(out))));
    }
  }

  void cropAndFlipAlignExactly() {
    const SegmentationCompose pipeline({std::make_shared<PairRandomCrop>(cv::Size(56, 30)),
                                        std::make_shared<PairHorizontalFlip>(0.5)});
    for (uint64_t seed = 0; seed < 20; ++seed) {
      Rng rng(seed);
      QCOMPARE(misaligned_fraction(pipeline.apply(blocks(), rng)), 0.0);
    }
  }

  void masksUseNearestAndPadWithTheIgnoreIndex() {
    Rng rng(1);
    const SegmentationSample resized = PairResize(cv::Size(17, 13)).apply(blocks(), rng);
    for (auto it = resized.mask.begin<uint8_t>(); it != resized.mask.end<uint8_t>(); ++it) QVERIFY(*it < 4);
    const SegmentationSample padded = PairRandomCrop(cv::Size(60, 60)).apply(blocks(), rng);
    QCOMPARE(cv::countNonZero(padded.mask == kIgnoreIndex), 60 * 60 - 48 * 40);
  }

  void flipMovesBoth() {
    Rng rng(1);
    const SegmentationSample source = blocks();
    const SegmentationSample flipped = PairHorizontalFlip(1.0).apply(source, rng);
    QCOMPARE(flipped.mask.at<uint8_t>(3, 0), source.mask.at<uint8_t>(3, 47));
    QCOMPARE(flipped.image.at<uint8_t>(3, 0), source.image.at<uint8_t>(3, 47));
  }

  void imageOnlyStepsLeaveTheMaskAndRefuseResizing() {
    Rng rng(1);
    const SegmentationSample normalized = ImageOnly(std::make_shared<Normalize>(std::vector<double>{0.5},
                                                                                std::vector<double>{0.5}))
                                              .apply(blocks(), rng);
    QCOMPARE(normalized.image.type(), CV_32FC1);
    QCOMPARE(cv::norm(normalized.mask, blocks().mask, cv::NORM_INF), 0.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ImageOnly(std::make_shared<Resize>(cv::Size(5, 5))).apply(blocks(), rng));
  }

  void deterministicUnderASeed() {
    const SegmentationCompose pipeline({std::make_shared<PairRandomScale>(0.5, 2.0),
                                        std::make_shared<PairRandomCrop>(cv::Size(32, 32))});
    Rng a(9), b(9);
    const SegmentationSample x = pipeline.apply(blocks(), a);
    const SegmentationSample y = pipeline.apply(blocks(), b);
    QCOMPARE(cv::norm(x.image, y.image, cv::NORM_INF), 0.0);
    QCOMPARE(cv::norm(x.mask, y.mask, cv::NORM_INF), 0.0);
  }
};

BINVIT_REGISTER_TEST(TestSegmentationTransforms);
#include "test_segmentation_transforms.moc"
