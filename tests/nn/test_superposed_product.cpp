#include <torch/torch.h>

#include "core/nn/functional/group_superposition.h"
#include "core/nn/functional/superposed_product.h"
#include "core/nn/quantizers/gsb_attention_quantizer.h"
#include "core/nn/quantizers/gsb_value_quantizer.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

#include <cmath>

using namespace binvit::nn;
using namespace binvit::nn::functional;

namespace {

const std::vector<double> kTaus{0.7, 0.9};

// GSB's A_q and V_q of random attention and values, (2, 3, 9, 9) and (2, 3, 9, 5), with parts.
struct Operands {
  Superposed attention, value;
};

Operands random_operands() {
  GsbAttentionQuantizer aq(SuperpositionOptions().taus(kTaus));
  GsbValueQuantizer vq(SuperpositionOptions().taus(kTaus));
  const torch::Tensor a = torch::softmax(torch::randn({2, 3, 9, 9}) * 3, -1).requires_grad_();
  const torch::Tensor v = torch::randn({2, 3, 9, 5}).requires_grad_();
  return {aq->superpose(a), vq->superpose(v)};
}

// The engine's contract (runtime/kernels/attention_values.h), written out element by element.
torch::Tensor engine_reference(const Superposed& a, const Superposed& v) {
  const torch::Tensor maps = a.parts.to(torch::kDouble), comps = v.parts.to(torch::kDouble);
  const int64_t ka = maps.size(0), kv = comps.size(0);
  std::vector<int64_t> shape = a.value.sizes().vec();
  shape.back() = v.value.size(-1);
  torch::Tensor out = torch::zeros(shape);
  auto o = out.reshape({-1, shape.back()});
  for (int64_t i = 0; i < ka; ++i) {
    for (int64_t j = 0; j < kv; ++j) {
      const float s = a.scales[i].item<float>() * v.scales[j].item<float>();
      const torch::Tensor counts =
          torch::matmul(maps[i], comps[j]).reshape({-1, shape.back()}).to(torch::kFloat);
      auto acc = o.accessor<float, 2>();
      auto c = counts.accessor<float, 2>();
      for (int64_t r = 0; r < o.size(0); ++r)
        for (int64_t e = 0; e < o.size(1); ++e) acc[r][e] = std::fma(c[r][e], s, acc[r][e]);
    }
  }
  return out;
}

}  // namespace

class TestSuperposedProduct : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(17); }

  void partsRebuildTheQuantizedTensors() {
    const Operands x = random_operands();
    QCOMPARE(x.attention.parts.size(0), int64_t{3});
    QCOMPARE(x.value.parts.size(0), int64_t{3});
    const auto sum = [](const Superposed& s) {
      std::vector<int64_t> shape(static_cast<size_t>(s.value.dim()), 1);
      shape.insert(shape.begin(), 3);
      return (s.scales.reshape(shape) * s.parts).sum(0);
    };
    BINVIT_COMPARE_TENSORS(sum(x.attention), x.attention.value.detach(), 1e-6);
    BINVIT_COMPARE_TENSORS(sum(x.value), x.value.value.detach(), 1e-6);
  }

  void valueIsTheEnginesBitForBit() {
    for (int trial = 0; trial < 5; ++trial) {
      const Operands x = random_operands();
      const torch::Tensor out = superposed_matmul(x.attention, x.value);
      BINVIT_COMPARE_EXACT(out.detach(), engine_reference(x.attention, x.value));
      BINVIT_COMPARE_TENSORS(out.detach(), torch::matmul(x.attention.value, x.value.value).detach(),
                             1e-5);
    }
  }

  // The case of issue 6: as many +1 as -1 values among the attended keys. The engine's integer
  // counts are 0, so the product must be exactly 0 (sgn(0) = +1 downstream).
  void cancellingValuesGiveExactZeros() {
    GsbAttentionQuantizer aq(SuperpositionOptions().taus(kTaus));
    GsbValueQuantizer vq(SuperpositionOptions().taus(kTaus));
    // Every query attends equally to 8 keys whose values pair up as +x, -x.
    const torch::Tensor a = torch::full({1, 1, 4, 8}, 1.0 / 8);
    const torch::Tensor half = torch::rand({1, 1, 4, 6}) + 0.1;
    const torch::Tensor v = torch::cat({half, -half}, 2);
    const torch::Tensor out = superposed_matmul(aq->superpose(a), vq->superpose(v));
    QCOMPARE(out.abs().max().item<float>(), 0.0f);
  }

  void gradientsAreThoseOfTheMatmul() {
    GsbAttentionQuantizer aq(SuperpositionOptions().taus(kTaus));
    GsbValueQuantizer vq(SuperpositionOptions().taus(kTaus));
    const torch::Tensor a = torch::softmax(torch::randn({2, 3, 9, 9}) * 3, -1).requires_grad_();
    const torch::Tensor v = torch::randn({2, 3, 9, 5}).requires_grad_();
    const torch::Tensor g = torch::randn({2, 3, 9, 5});
    superposed_matmul(aq->superpose(a), vq->superpose(v)).backward(g);
    const torch::Tensor ga = a.grad().clone(), gv = v.grad().clone();
    const torch::Tensor galpha = aq->alpha.grad().clone(), gbeta = vq->beta.grad().clone();
    a.grad().zero_();
    v.grad().zero_();
    aq->alpha.grad().zero_();
    vq->beta.grad().zero_();
    torch::matmul(aq->forward(a), vq->forward(v)).backward(g);
    BINVIT_COMPARE_TENSORS(ga, a.grad(), 1e-6);
    BINVIT_COMPARE_TENSORS(gv, v.grad(), 1e-6);
    BINVIT_COMPARE_TENSORS(galpha, aq->alpha.grad(), 1e-5);
    BINVIT_COMPARE_TENSORS(gbeta, vq->beta.grad(), 1e-5);
  }

  void switchedOffOrDoubleFallsBackToTheMatmul() {
    GsbAttentionQuantizer aq(SuperpositionOptions().taus(kTaus));
    aq->set_quantization_enabled(false);
    const torch::Tensor a = torch::rand({1, 2, 5, 5});
    const Superposed off = aq->superpose(a);
    QVERIFY(!off.parts.defined());
    const torch::Tensor v = torch::randn({1, 2, 5, 3});
    BINVIT_COMPARE_EXACT(superposed_matmul(off, {v, {}, {}}), torch::matmul(a, v));
  }
};

BINVIT_REGISTER_TEST(TestSuperposedProduct);
#include "test_superposed_product.moc"
