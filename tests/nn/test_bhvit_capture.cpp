#include <torch/torch.h>

#include "core/nn/inspection_capture.h"
#include "core/nn/models/bhvit.h"
#include "core/nn/models/model_registry.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn;

namespace {

std::shared_ptr<ClassifierModel> initialised_mini() {
  auto model = build_model(preset_config("bhvit-mini"));
  model->train();
  model->forward(torch::randn({4, 3, 32, 32}));  // QD scales initialised from this batch
  model->eval();
  return model;
}

}  // namespace

class TestBhvitCapture : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(43); }

  void offByDefaultAndAfterDetaching() {
    const auto model = initialised_mini();
    const auto capture = std::make_shared<InspectionCapture>();
    torch::NoGradGuard no_grad;
    model->forward(torch::randn({1, 3, 32, 32}));
    set_inspection_capture(*model, capture);
    set_inspection_capture(*model, nullptr);
    model->forward(torch::randn({1, 3, 32, 32}));
    QVERIFY(capture->attention.empty() && capture->activations.empty());
  }

  void everyMsmhaBlockRecordsItsWindowsHeadsAndQdMaps() {
    const auto model = initialised_mini();
    const BhvitConfig c = bhvit_config_from_json(model->config_json());
    const auto capture = std::make_shared<InspectionCapture>();
    set_inspection_capture(*model, capture);
    torch::NoGradGuard no_grad;
    const int64_t images = 2;
    model->forward(torch::randn({images, 3, 32, 32}));

    // One record per MSMHA block, in order: stage 3 (map 2x2, window 2), stage 4 (map 1x1).
    std::vector<std::pair<int64_t, int64_t>> block_of_record;  // (stage, block)
    for (int64_t s = 0; s < c.stages(); ++s) {
      if (c.mixers[s] != "msmha") continue;
      for (int64_t i = 0; i < c.depths[s]; ++i) block_of_record.emplace_back(s, i);
    }
    QCOMPARE(capture->attention.size(), block_of_record.size());
    int64_t maps = 0;
    for (size_t r = 0; r < capture->attention.size(); ++r) {
      const AttentionRecord& record = capture->attention[r];
      const auto [s, block] = block_of_record[r];
      const int64_t side = c.map_side(s), w = c.window_sizes[s];
      const int64_t windows = (side / w) * (side / w), n = w * w + windows, heads = c.heads[s];
      QCOMPARE(record.layer, "backbone.stages." + std::to_string(s) + "." + std::to_string(block) +
                                 ".attention");
      QCOMPARE(record.windows_per_image, windows);
      QCOMPARE(record.window_tokens, w * w);
      QCOMPARE(record.probabilities.sizes(), (std::vector<int64_t>{images * windows, heads, n, n}));
      BINVIT_COMPARE_TENSORS(record.probabilities.sum(-1), torch::ones({images * windows, heads, n}),
                             1e-5);
      QCOMPARE(record.qd_maps.sizes(), (std::vector<int64_t>{3, images * windows, heads, n, n}));
      BINVIT_COMPARE_EXACT(record.quantized,
                           record.attention_scales.reshape({1, heads, 1, 1}) * record.qd_maps.sum(0));
      QVERIFY((record.qd_maps == 0).logical_or(record.qd_maps == 1).all().item<bool>());
      QCOMPARE(record.attention_zero_points.sizes(), (std::vector<int64_t>{heads}));
      QVERIFY(record.value_signs.abs().eq(1).all().item<bool>());
      maps += heads;
    }
    QCOMPARE(maps, int64_t{2 + 2 + 4});  // heads of the two stage-3 blocks and the stage-4 block

    // Every binary layer records its binarized input: per MSGDC block 3 convs and 2 MLP
    // linears, per MSMHA block Q, K, V, output and 2 MLP linears, and each binary downsampling.
    size_t binary_layers = static_cast<size_t>(c.stages() - 1);
    for (int64_t s = 0; s < c.stages(); ++s) {
      binary_layers += static_cast<size_t>(c.depths[s]) * (c.mixers[s] == "msmha" ? 6 : 5);
    }
    QCOMPARE(capture->activations.size(), binary_layers);
    QCOMPARE(binary_layers, size_t{3 + 5 + 5 + 6 * 2 + 6});
    for (const ActivationRecord& a : capture->activations) {
      QVERIFY2(a.binarized.abs().eq(1).all().item<bool>(), a.layer.c_str());
    }
  }
};

BINVIT_REGISTER_TEST(TestBhvitCapture);
#include "test_bhvit_capture.moc"
