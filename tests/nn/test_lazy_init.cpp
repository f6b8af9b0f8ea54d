#include <torch/torch.h>

#include "core/nn/quantizers/elastic_binarizer.h"
#include "core/nn/quantizers/gsb_attention_quantizer.h"
#include "core/nn/quantizers/gsb_value_quantizer.h"
#include "core/nn/quantizers/lsq_quantizer.h"
#include "core/nn/quantizers/qd_attention_quantizer.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>

using namespace binvit::nn;

namespace {

// Every lazily initialised quantizer in one module, so one save/load covers them all.
struct AllQuantizersImpl : torch::nn::Module {
  AllQuantizersImpl() {
    signed_binarizer = register_module(
        "signed_binarizer", ElasticBinarizer(ElasticBinarizerOptions().shift_shape({8})));
    unsigned_binarizer =
        register_module("unsigned_binarizer", ElasticBinarizer(ElasticMode::Unsigned));
    lsq = register_module("lsq", LsqQuantizer(LsqQuantizerOptions(8).channels(2)));
    attention = register_module("attention", GsbAttentionQuantizer());
    value = register_module("value", GsbValueQuantizer());
    qd = register_module("qd", QdAttentionQuantizer(QdAttentionQuantizerOptions(2)));
  }
  void forward(double magnitude) {
    const auto tokens = magnitude * torch::randn({3, 5, 8});
    signed_binarizer->forward(tokens);
    unsigned_binarizer->forward(tokens.relu());
    lsq->forward(magnitude * torch::randn({2, 8}));
    const auto a = torch::softmax(magnitude * torch::randn({3, 2, 5, 5}), -1);
    attention->forward(a);
    value->forward(tokens.reshape({3, 1, 5, 8}));
    qd->forward(a);
  }
  std::vector<torch::Tensor> scales() const {
    return {signed_binarizer->alpha, unsigned_binarizer->alpha, lsq->step, attention->alpha,
            value->beta, qd->alpha, qd->zero_point};
  }
  ElasticBinarizer signed_binarizer{nullptr}, unsigned_binarizer{nullptr};
  LsqQuantizer lsq{nullptr};
  GsbAttentionQuantizer attention{nullptr};
  GsbValueQuantizer value{nullptr};
  QdAttentionQuantizer qd{nullptr};
};
TORCH_MODULE(AllQuantizers);

std::vector<torch::Tensor> snapshot(const AllQuantizers& q) {
  std::vector<torch::Tensor> copies;
  for (const auto& s : q->scales()) copies.push_back(s.detach().clone());
  return copies;
}

void compare_snapshots(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  QCOMPARE(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) BINVIT_COMPARE_EXACT(a[i], b[i]);
}

}  // namespace

class TestLazyInit : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(17); }

  void scalesAreInitialisedOnlyByTheFirstBatch() {
    AllQuantizers q;
    const auto untouched = snapshot(q);
    q->forward(1.0);
    const auto first = snapshot(q);
    for (size_t i = 0; i < first.size(); ++i) QVERIFY(!torch::equal(first[i], untouched[i]));
    q->forward(25.0);
    compare_snapshots(snapshot(q), first);
  }

  void saveLoadRoundTripKeepsScalesAndNeverReinitialises() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("quantizers.pt").toStdString();
    AllQuantizers trained;
    trained->forward(1.0);
    torch::save(trained, path);

    AllQuantizers loaded;
    torch::load(loaded, path);
    compare_snapshots(snapshot(loaded), snapshot(trained));
    for (const auto& buffer : loaded->named_buffers()) {
      if (buffer.key().find("initialized") != std::string::npos) {
        QVERIFY2(buffer.value().item<uint8_t>() == 1, buffer.key().c_str());
      }
    }
    loaded->forward(50.0);  // a very different batch: nothing may move
    compare_snapshots(snapshot(loaded), snapshot(trained));
  }
};

BINVIT_REGISTER_TEST(TestLazyInit);
#include "test_lazy_init.moc"
