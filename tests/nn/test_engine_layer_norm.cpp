#include <torch/torch.h>

#include "core/nn/functional/engine_layer_norm.h"
#include "core/runtime/engine/float_ops.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn::functional;

namespace {

torch::nn::LayerNorm random_norm(int64_t dim) {
  torch::nn::LayerNorm norm(torch::nn::LayerNormOptions({dim}).eps(1e-6));
  torch::NoGradGuard no_grad;
  norm->weight.copy_(torch::randn({dim}) * 0.5 + 1);
  norm->bias.copy_(torch::randn({dim}) * 0.1);
  return norm;
}

}  // namespace

class TestEngineLayerNorm : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(23); }

  // Odd widths exercise the four-way partial sums' tail.
  void evaluationIsTheEnginesRoutineBitForBit() {
    for (int64_t dim : {1, 5, 96, 383}) {
      auto norm = random_norm(dim);
      norm->eval();
      const torch::Tensor x = torch::randn({3, 7, dim}) * 4 + 1;
      torch::Tensor expected = torch::empty_like(x);
      binvit::runtime::engine::layer_norm(x.data_ptr<float>(), 21, static_cast<size_t>(dim), 1e-6,
                                          norm->weight.data_ptr<float>(),
                                          norm->bias.data_ptr<float>(), expected.data_ptr<float>());
      torch::NoGradGuard no_grad;
      BINVIT_COMPARE_EXACT(evaluation_exact_layer_norm(norm, x), expected);
    }
  }

  // The two routines compute the same function; they may differ only by float rounding.
  void evaluationAgreesWithLibTorchWithinRounding() {
    auto norm = random_norm(384);
    norm->eval();
    const torch::Tensor x = torch::randn({4, 197, 384}) * 3;
    torch::NoGradGuard no_grad;
    BINVIT_COMPARE_TENSORS(evaluation_exact_layer_norm(norm, x), norm->forward(x), 5e-6);
  }

  void nonContiguousInputIsNormalisedRowByRow() {
    auto norm = random_norm(16);
    norm->eval();
    const torch::Tensor x = torch::randn({16, 6}).t();  // rows of 16 with stride 6
    torch::NoGradGuard no_grad;
    BINVIT_COMPARE_EXACT(evaluation_exact_layer_norm(norm, x),
                         evaluation_exact_layer_norm(norm, x.contiguous()));
  }

  // Training, or any call that needs a graph, keeps LibTorch's kernel and its gradients.
  void trainingKeepsLibTorchsKernelAndGradients() {
    auto norm = random_norm(32);
    norm->train();
    const torch::Tensor x = torch::randn({5, 32}).requires_grad_();
    const torch::Tensor y = evaluation_exact_layer_norm(norm, x);
    BINVIT_COMPARE_EXACT(y, norm->forward(x));
    y.pow(2).sum().backward();
    QVERIFY(x.grad().defined());
    QVERIFY(norm->weight.grad().defined());
    norm->eval();
    QVERIFY(evaluation_exact_layer_norm(norm, x).requires_grad());
  }
};

BINVIT_REGISTER_TEST(TestEngineLayerNorm);
#include "test_engine_layer_norm.moc"
