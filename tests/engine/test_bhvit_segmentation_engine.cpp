// BHViT's segmentation variant on the packed engine: the head's float ops against torch on
// awkward shapes, and whole exported models against LibTorch (every backbone bit layer by layer,
// per-pixel logits and argmax end to end).
#include <torch/torch.h>

#include "core/deploy/segment_images.h"
#include "core/nn/export/engine_agreement.h"
#include "core/nn/export/graph_builder.h"
#include "core/nn/models/model_registry.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/format/bvit_file.h"
#include "tests/engine/agreement_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

namespace nn = binvit::nn;
namespace engine = binvit::runtime::engine;
namespace fmt = binvit::runtime::format;
namespace F = torch::nn::functional;
using binvit::test::check_end_to_end;
using binvit::test::describe;
using binvit::test::expected_bhvit_rows;
using binvit::test::randomize_bhvit_statistics;
using nn::bvit::GraphBuilder;
using nn::bvit::Value;

namespace {

// Shapes of the head-op graph below.
struct HeadShape {
  int64_t image = 0;                              // side of the input and of the output
  int64_t kernel_a = 0, stride_a = 0, pad_a = 0;  // first conv, 3 -> 5 channels
  int64_t factor = 0;                             // nearest upsampling
  int64_t kernel_b = 0, pad_b = 0;                // second conv, 5 -> 4 classes, with bias
};

int64_t conv_side(int64_t side, int64_t k, int64_t s, int64_t p) {
  return (side + 2 * p - k) / s + 1;
}

struct HeadWeights {
  torch::Tensor conv_a, bias_a, conv_b, bias_b;
};

// images (NCHW) -> NHWC map by an identity 1x1 patch embedding -> conv2d -> relu ->
// upsample_nearest -> conv2d -> resize_bilinear back to the image side.
// output_side 0: the image side (the only valid one).
std::string head_graph(const HeadShape& s, const HeadWeights& w, int64_t output_side = 0) {
  GraphBuilder g;
  Value embed = GraphBuilder::op("patch_embed", "embed", "images", "map");
  embed.set("in_channels", 3);
  embed.set("image_size", s.image);
  embed.set("patch", 1);
  embed.set("weight", g.tensor("embed.weight", torch::eye(3)));
  embed.set("bias", g.tensor("embed.bias", torch::zeros({3})));
  g.add(embed);
  const auto conv = [&](const std::string& name, int64_t side, int64_t k, int64_t stride,
                        int64_t pad, const torch::Tensor& weight, const torch::Tensor& bias,
                        const std::string& in, const std::string& out) {
    Value op = GraphBuilder::op("conv2d", name, in, out);
    op.set("side", side);
    op.set("kernel", k);
    op.set("stride", stride);
    op.set("padding", pad);
    op.set("weight", g.tensor(name + ".weight", weight));
    if (bias.defined()) op.set("bias", g.tensor(name + ".bias", bias));
    g.add(op);
  };
  const int64_t side_a = conv_side(s.image, s.kernel_a, s.stride_a, s.pad_a);
  const int64_t side_up = side_a * s.factor;
  const int64_t side_b = conv_side(side_up, s.kernel_b, 1, s.pad_b);
  conv("conv_a", s.image, s.kernel_a, s.stride_a, s.pad_a, w.conv_a, w.bias_a, "map", "a");
  g.add(GraphBuilder::op("relu", "relu", "a", "a"));
  Value up = GraphBuilder::op("upsample_nearest", "up", "a", "up");
  up.set("side", side_a);
  up.set("factor", s.factor);
  g.add(up);
  conv("conv_b", side_up, s.kernel_b, 1, s.pad_b, w.conv_b, w.bias_b, "up", "b");
  Value resize = GraphBuilder::op("resize_bilinear", "resize", "b", "logits");
  resize.set("side", side_b);
  resize.set("size", output_side > 0 ? output_side : s.image);
  g.add(resize);
  nn::bvit::FileDescription d;
  d.family = "bhvit-seg";
  d.variant = "test";
  d.config = Value::object();
  d.image_size = s.image;
  d.in_channels = 3;
  d.num_classes = 4;
  d.tokens = s.image * s.image;
  d.embed_dim = 3;
  return g.serialize(d, {}, "logits", "segmentation");
}

torch::Tensor head_reference(const HeadShape& s, const HeadWeights& w, const torch::Tensor& x) {
  torch::Tensor a = F::conv2d(
      x, w.conv_a, F::Conv2dFuncOptions().bias(w.bias_a).stride(s.stride_a).padding(s.pad_a));
  a = torch::relu(a).repeat_interleave(s.factor, 2).repeat_interleave(s.factor, 3);
  const torch::Tensor b =
      F::conv2d(a, w.conv_b, F::Conv2dFuncOptions().bias(w.bias_b).padding(s.pad_b));
  return F::interpolate(b, F::InterpolateFuncOptions()
                               .size(std::vector<int64_t>{s.image, s.image})
                               .mode(torch::kBilinear)
                               .align_corners(false))
      .permute({0, 2, 3, 1})
      .contiguous();
}

std::shared_ptr<nn::SegmentationModel> prepared_segmentation(const std::string& preset,
                                                             uint64_t seed) {
  torch::manual_seed(static_cast<int64_t>(seed));
  auto model = nn::build_segmentation_model(nn::preset_config(preset));
  randomize_bhvit_statistics(*model);
  model->eval();
  torch::NoGradGuard no_grad;
  const auto shape = model->input_shape();
  model->forward(torch::randn({4, shape[0], shape[1], shape[2]}));  // initialises QD and LSQ scales
  return model;
}

engine::Engine engine_of(const std::string& bytes) {
  return engine::Engine(fmt::BvitFile::parse(bytes.data(), bytes.size(), "seg.bvit"));
}

}  // namespace

class TestBhvitSegmentationEngine : public QObject {
  Q_OBJECT

 private slots:
  // Odd sides, stride 2 with padding, a non-integer bilinear ratio (up and down), factor 1 and 3.
  void headOpsMatchTorch_data() {
    QTest::addColumn<int>("image");
    QTest::addColumn<int>("kernel_a");
    QTest::addColumn<int>("stride_a");
    QTest::addColumn<int>("pad_a");
    QTest::addColumn<int>("factor");
    QTest::addColumn<int>("kernel_b");
    QTest::addColumn<int>("pad_b");
    QTest::newRow("9: s2 p1, x2, 3x3 valid -> 8 -> 9") << 9 << 3 << 2 << 1 << 2 << 3 << 0;
    QTest::newRow("12: 5x5 p2, x1, 1x1 -> 12") << 12 << 5 << 1 << 2 << 1 << 1 << 0;
    QTest::newRow("7: 3x3 valid, x3, 3x3 p1 -> 15 -> 7") << 7 << 3 << 1 << 0 << 3 << 3 << 1;
  }
  void headOpsMatchTorch() {
    QFETCH(int, image);
    QFETCH(int, kernel_a);
    QFETCH(int, stride_a);
    QFETCH(int, pad_a);
    QFETCH(int, factor);
    QFETCH(int, kernel_b);
    QFETCH(int, pad_b);
    const HeadShape s{image, kernel_a, stride_a, pad_a, factor, kernel_b, pad_b};
    torch::manual_seed(image);
    const HeadWeights w{torch::randn({5, 3, kernel_a, kernel_a}), torch::randn({5}),
                        torch::randn({4, 5, kernel_b, kernel_b}), torch::randn({4})};
    engine::Engine e = engine_of(head_graph(s, w));
    QVERIFY(e.graph().task == engine::Task::Segmentation);
    QCOMPARE(e.graph().output_rows(), static_cast<std::size_t>(image * image));
    const torch::Tensor x = torch::randn({2, 3, image, image});
    const std::vector<float> out = e.run(x.data_ptr<float>(), 2);
    const torch::Tensor expected = head_reference(s, w, x);
    QCOMPARE(static_cast<int64_t>(out.size()), expected.numel());
    const torch::Tensor got = torch::from_blob(const_cast<float*>(out.data()), expected.sizes());
    const double error = (got - expected).abs().max().item<double>();
    const double scale = expected.abs().max().item<double>();
    QVERIFY2(error <= 1e-5 * scale,
             qPrintable(QString("max error %1 of %2").arg(error).arg(scale)));
  }

  // A graph whose output is not one row per pixel is rejected, naming the output.
  void rejectsAnOutputThatIsNotPerPixel() {
    const HeadShape s{9, 3, 2, 1, 2, 3, 0};
    const HeadWeights w{torch::randn({5, 3, 3, 3}), torch::randn({5}), torch::randn({4, 5, 3, 3}),
                        torch::randn({4})};
    const std::string bytes = head_graph(s, w, 8);
    try {
      engine_of(bytes);
      QFAIL("the engine accepted an output of 64 rows for a 9 x 9 image");
    } catch (const fmt::BvitError& error) {
      QVERIFY2(std::string(error.what()).find("one row per pixel (81)") != std::string::npos,
               error.what());
    }
  }

  void presetMatchesLibTorch() {
    for (uint64_t seed : {1u, 2u}) {
      auto model = prepared_segmentation("bhvit-seg-mini", seed);
      engine::Engine e = engine_of(nn::export_bvit_bytes(*model, {}));
      QCOMPARE(e.graph().family, std::string("bhvit-seg"));
      QVERIFY(e.graph().task == engine::Task::Segmentation);
      const auto shape = model->input_shape();
      nn::AgreementReport report;
      nn::compare_engine_with_model(*model, e, torch::randn({3, shape[0], shape[1], shape[2]}),
                                    report);
      QCOMPARE(static_cast<int>(report.layerwise.size()), expected_bhvit_rows(*model));
      QVERIFY2(report.layerwise_differing() == 0, describe(report).c_str());
      QCOMPARE(report.pixels, 3 * shape[1] * shape[2]);
      check_end_to_end(report);
    }
  }

  // deploy::segment_images gives label maps at each image's own size, with the engine's argmax.
  void segmentImagesAtTheImagesOwnSize() {
    auto model = prepared_segmentation("bhvit-seg-mini", 5);
    engine::Engine e = engine_of(nn::export_bvit_bytes(*model, {}));
    const cv::Mat wide(30, 50, CV_8UC3, cv::Scalar(200, 30, 90));
    cv::Mat grey(20, 20, CV_8UC1);
    cv::randu(grey, 0, 255);
    const auto segmented = binvit::deploy::segment_images(e, {wide, grey});
    QCOMPARE(segmented.size(), std::size_t{2});
    QCOMPARE(segmented[0].labels.size(), wide.size());
    QCOMPARE(segmented[1].labels.size(), grey.size());
    double total = 0.0;
    for (double share : segmented[1].class_share) total += share;
    QVERIFY(std::abs(total - 1.0) < 1e-9);
    // A uniform image: the model's own argmax at the centre pixel.
    const torch::Tensor input =
        binvit::deploy::preprocess_for_segmentation({wide}, e.graph().preprocessing);
    torch::NoGradGuard no_grad;
    const torch::Tensor logits = model->forward(input);
    const int64_t side = shape_side(*model);
    const auto expected = logits[0].argmax(0)[side / 2][side / 2].item<int64_t>();
    const cv::Mat at_model =
        binvit::deploy::argmax_labels(e.run(input.data_ptr<float>(), 1).data(),
                                      static_cast<int>(side), static_cast<int>(e.classes()));
    QCOMPARE(static_cast<int64_t>(
                 at_model.at<int32_t>(static_cast<int>(side / 2), static_cast<int>(side / 2))),
             expected);
  }

 private:
  static int64_t shape_side(const nn::SegmentationModel& model) { return model.input_shape()[1]; }
};

BINVIT_REGISTER_TEST(TestBhvitSegmentationEngine);
#include "test_bhvit_segmentation_engine.moc"
