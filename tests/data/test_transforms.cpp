#include <torch/torch.h>

#include "core/data/transforms/color.h"
#include "core/data/transforms/geometry.h"
#include "core/data/transforms/image_ops.h"
#include "core/data/transforms/presets.h"
#include "core/data/transforms/rand_augment.h"
#include "core/data/transforms/random_erasing.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <cmath>

using namespace binvit::data;
using namespace binvit::test;

namespace {

bool same(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0.0;
}

// Runs `transform` twice with the same seed and once with another: equal, then (usually) not.
void check_deterministic(const Transform& transform, const cv::Mat& image) {
  Rng a(42), b(42);
  QVERIFY(same(transform.apply(image, a), transform.apply(image, b)));
}

cv::Mat noisy_rgb(int width, int height, uint64_t seed) {
  cv::Mat image(height, width, CV_8UC3);
  Rng rng(seed);
  for (auto it = image.begin<cv::Vec3b>(); it != image.end<cv::Vec3b>(); ++it) {
    for (int c = 0; c < 3; ++c) (*it)[c] = static_cast<uint8_t>(uniform_index(rng, 256));
  }
  return image;
}

}  // namespace

class TestTransforms : public QObject {
  Q_OBJECT

 private slots:
  void resizeKeepsTheAspectOfTheShorterSide() {
    Rng rng(1);
    const cv::Mat wide = Resize(10).apply(noisy_rgb(40, 20, 1), rng);
    QCOMPARE(wide.cols, 20);
    QCOMPARE(wide.rows, 10);
    const cv::Mat tall = Resize(8).apply(cv::Mat(30, 20, CV_8UC1, cv::Scalar(3)), rng);
    QCOMPARE(tall.cols, 8);
    QCOMPARE(tall.rows, 12);
    QCOMPARE(tall.type(), CV_8UC1);
    QCOMPARE(Resize(cv::Size(7, 5)).apply(noisy_rgb(9, 9, 2), rng).size(), cv::Size(7, 5));
  }

  void centerCropTakesTheMiddleAndPadsSmallImages() {
    Rng rng(1);
    const cv::Mat image = pattern_image(6, 6, 1);
    const cv::Mat crop = CenterCrop(2).apply(image, rng);
    QVERIFY(same(crop, image(cv::Rect(2, 2, 2, 2))));
    const cv::Mat padded = CenterCrop(8).apply(image, rng);
    QCOMPARE(padded.size(), cv::Size(8, 8));
    QCOMPARE(padded.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0));
    QVERIFY(same(padded(cv::Rect(1, 1, 6, 6)), image));
  }

  void randomCropPadsAndStaysInside() {
    const RandomCrop crop(32, 4);
    const cv::Mat image = noisy_rgb(32, 32, 3);
    for (uint64_t seed = 0; seed < 20; ++seed) {
      Rng rng(seed);
      const cv::Mat out = crop.apply(image, rng);
      QCOMPARE(out.size(), cv::Size(32, 32));
      QCOMPARE(out.type(), CV_8UC3);
    }
    check_deterministic(crop, image);
  }

  void randomResizedCropRespectsScaleAndRatio() {
    const RandomResizedCrop transform(16, {0.25, 0.5}, {0.5, 2.0});
    Rng rng(5);
    for (int k = 0; k < 200; ++k) {
      const cv::Rect r = transform.sample_crop({100, 80}, rng);
      QVERIFY(r.x >= 0 && r.y >= 0 && r.x + r.width <= 100 && r.y + r.height <= 80);
      const double fraction = r.area() / 8000.0;
      QVERIFY2(fraction > 0.23 && fraction < 0.52, qPrintable(QString::number(fraction)));
      const double ratio = static_cast<double>(r.width) / r.height;
      QVERIFY(ratio > 0.45 && ratio < 2.2);
    }
    const cv::Mat out = transform.apply(noisy_rgb(100, 80, 4), rng);
    QCOMPARE(out.size(), cv::Size(16, 16));
    QCOMPARE(out.type(), CV_8UC3);
    check_deterministic(transform, noisy_rgb(100, 80, 4));
    // An impossible ratio falls back to a centred crop with the ratio clamped.
    const RandomResizedCrop strict(8, {0.99, 1.0}, {3.0, 4.0});
    const cv::Rect fallback = strict.sample_crop({30, 30}, rng);
    QCOMPARE(fallback, cv::Rect(0, 10, 30, 10));
  }

  void flipMirrorsWithItsProbability() {
    const cv::Mat image = pattern_image(5, 3, 1);
    Rng rng(1);
    const cv::Mat flipped = HorizontalFlip(1.0).apply(image, rng);
    QCOMPARE(flipped.at<cv::Vec3b>(1, 0), image.at<cv::Vec3b>(1, 4));
    QVERIFY(same(HorizontalFlip(0.0).apply(image, rng), image));
  }

  void everyRandAugmentOperationKeepsShapeAndType() {
    const RandAugment augment;
    for (const cv::Mat& image : {noisy_rgb(20, 14, 1), ops::to_grey(noisy_rgb(20, 14, 2))}) {
      for (const std::string& name : RandAugment::operation_names()) {
        for (double m : {0.0, 5.0, 10.0}) {
          Rng rng(3);
          const cv::Mat out = augment.apply_operation(name, image, m, rng);
          QVERIFY2(out.size() == image.size() && out.type() == image.type(), name.c_str());
        }
      }
    }
    QCOMPARE(RandAugment::operation_names().size(), size_t{15});
  }

  void randAugmentOperationsDoWhatPilDoes() {
    const RandAugment augment;
    const cv::Mat image = noisy_rgb(16, 16, 7);
    Rng rng(1);
    for (const char* identity_at_zero :
         {"ColorIncreasing", "ContrastIncreasing", "BrightnessIncreasing", "SharpnessIncreasing",
          "SolarizeIncreasing", "SolarizeAdd"}) {
      QVERIFY2(same(augment.apply_operation(identity_at_zero, image, 0.0, rng), image),
               identity_at_zero);
    }
    QVERIFY(same(
        augment.apply_operation("Invert", augment.apply_operation("Invert", image, 0, rng), 0, rng),
        image));
    const cv::Mat posterized =
        augment.apply_operation("PosterizeIncreasing", image, 5.0, rng);  // 2 bits
    QCOMPARE(int(posterized.data[0]), image.data[0] & 0xC0);
    const cv::Mat solarized = ops::solarize(image, 128);
    QCOMPARE(int(solarized.data[1]), image.data[1] < 128 ? image.data[1] : 255 - image.data[1]);
    const cv::Mat stretched = ops::autocontrast(cv::Mat(2, 2, CV_8UC1, cv::Scalar(100)) +
                                                cv::Mat::eye(2, 2, CV_8UC1) * 50);
    QCOMPARE(int(stretched.at<uint8_t>(0, 0)), 255);
    QCOMPARE(int(stretched.at<uint8_t>(0, 1)), 0);
    // Equalize spreads a two-level image to the extremes: PIL's step = (1024 - 512) / 255 = 2,
    // lut[10] = 1 / 2 = 0, lut[20] = (1 + 512) / 2 -> 255.
    cv::Mat two_levels(32, 32, CV_8UC1, cv::Scalar(10));
    two_levels(cv::Rect(0, 0, 32, 16)).setTo(20);
    const cv::Mat equalized = ops::equalize(two_levels);
    QCOMPARE(int(equalized.at<uint8_t>(31, 0)), 0);
    QCOMPARE(int(equalized.at<uint8_t>(0, 0)), 255);
    QVERIFY(same(ops::equalize(cv::Mat(4, 4, CV_8UC1, cv::Scalar(9))),
                 cv::Mat(4, 4, CV_8UC1, cv::Scalar(9))));
  }

  void randAugmentIsDeterministicUnderASeed() {
    const RandAugment augment(RandAugmentOptions{2, 9.0, 0.5, 1.0, cv::Scalar(124, 116, 104)});
    const cv::Mat image = noisy_rgb(24, 24, 9);
    check_deterministic(augment, image);
    int differing = 0;
    for (uint64_t seed = 0; seed < 10; ++seed) {
      Rng a(seed), b(seed + 100);
      differing += same(augment.apply(image, a), augment.apply(image, b)) ? 0 : 1;
    }
    QVERIFY(differing >= 8);
  }

  void randomErasingErasesOneRegion() {
    Rng rng(2);
    const cv::Mat image(40, 40, CV_32FC3, cv::Scalar::all(7.0));
    const cv::Mat erased = RandomErasing(1.0, EraseMode::kConst).apply(image, rng);
    QCOMPARE(erased.type(), CV_32FC3);
    const double fraction = 1.0 - cv::countNonZero(erased.reshape(1)) / (40.0 * 40.0 * 3.0);
    QVERIFY2(fraction >= 0.015 && fraction <= 0.34, qPrintable(QString::number(fraction)));
    QVERIFY(same(RandomErasing(0.0).apply(image, rng), image));
    const cv::Mat noisy = RandomErasing(1.0, EraseMode::kPixel).apply(image, rng);
    QVERIFY(!same(noisy, image));
    check_deterministic(RandomErasing(1.0, EraseMode::kPixel), image);
    const cv::Mat bytes = RandomErasing(1.0, EraseMode::kRand).apply(noisy_rgb(30, 30, 1), rng);
    QCOMPARE(bytes.type(), CV_8UC3);
  }

  void colorJitterIsSeededAndIdentityWithoutJitter() {
    const cv::Mat image = noisy_rgb(12, 12, 3);
    Rng rng(1);
    QVERIFY(same(ColorJitter(0, 0, 0, 0).apply(image, rng), image));
    const ColorJitter jitter(0.4, 0.4, 0.4, 0.1);
    check_deterministic(jitter, image);
    QVERIFY(!same(jitter.apply(image, rng), image));
    QCOMPARE(ColorJitter(0.4, 0.4, 0.4, 0.1).apply(ops::to_grey(image), rng).type(), CV_8UC1);
  }

  void greyToRgbAndNormalize() {
    Rng rng(1);
    const cv::Mat grey(2, 3, CV_8UC1, cv::Scalar(51));
    const cv::Mat rgb = GrayscaleToRgb().apply(grey, rng);
    QCOMPARE(rgb.type(), CV_8UC3);
    QCOMPARE(rgb.at<cv::Vec3b>(1, 2), cv::Vec3b(51, 51, 51));
    const cv::Mat normalized = Normalize({0.1, 0.2, 0.3}, {0.5, 0.5, 0.25}).apply(rgb, rng);
    QCOMPARE(normalized.type(), CV_32FC3);
    const cv::Vec3f v = normalized.at<cv::Vec3f>(0, 0);
    QVERIFY(std::abs(v[0] - 0.2f) < 1e-6f && std::abs(v[1] - 0.0f) < 1e-6f &&
            std::abs(v[2] + 0.4f) < 1e-6f);
    // One value serves every channel; two values for three channels are an error.
    const cv::Vec3f shared = Normalize({0.1}, {0.5}).apply(rgb, rng).at<cv::Vec3f>(1, 1);
    QVERIFY(std::abs(shared[0] - 0.2f) < 1e-6f && shared[1] == shared[0] && shared[2] == shared[0]);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             Normalize({0.5, 0.5}, {0.5, 0.5}).apply(rgb, rng));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Normalize({0.5}, {0.0}));
  }

  void gsbPresetsGiveTheModelInput() {
    PipelineOptions large;
    const cv::Mat photo = noisy_rgb(300, 200, 1);
    for (const std::string& name : transform_preset_names()) {
      const TransformPtr pipeline = make_transforms(name, large);
      Rng rng(3);
      const cv::Mat out = pipeline->apply(photo, rng);
      QCOMPARE(out.size(), cv::Size(224, 224));
      QCOMPARE(out.type(), CV_32FC3);
      check_deterministic(*pipeline, photo);
    }
    PipelineOptions small;
    small.image_size = 28;
    small.channels = 1;
    small.mean = {0.286};
    small.std = {0.353};
    const cv::Mat grey = ops::to_grey(noisy_rgb(28, 28, 2));
    Rng rng(4);
    QCOMPARE(gsb_train_transforms(small)->apply(grey, rng).type(), CV_32FC1);
    QCOMPARE(gsb_eval_transforms(small)->apply(grey, rng).size(), cv::Size(28, 28));
    // Grey images become RGB for a three-channel model.
    PipelineOptions rgb_model;
    rgb_model.image_size = 32;
    QCOMPARE(gsb_train_transforms(rgb_model)->apply(grey, rng).type(), CV_32FC3);
    QVERIFY(contains(gsb_train_transforms(rgb_model)->describe(), "RandAugment"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make_transforms("nope", small));
  }
};

BINVIT_REGISTER_TEST(TestTransforms);
#include "test_transforms.moc"
