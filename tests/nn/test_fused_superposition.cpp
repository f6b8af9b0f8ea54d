#include <torch/torch.h>

#include "core/nn/functional/group_superposition.h"
#include "core/nn/functional/threshold_scope.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QtTest>

using namespace binvit::nn::functional;

namespace {

struct Result {
  torch::Tensor out, grad_input, grad_scales;
};

// gsb_attention (is_value false) or gsb_value of `input` with the maps the model would use.
Result run(bool fused, bool is_value, const torch::Tensor& input0, const torch::Tensor& scales0,
           const std::vector<double>& taus, const torch::Tensor& g) {
  set_fused_superposition_kernels(fused);
  torch::Tensor input = input0.clone().requires_grad_(true);
  torch::Tensor scales = scales0.clone().requires_grad_(true);
  torch::Tensor out;
  if (is_value) {
    out = gsb_value(input, scales, value_groups(input, taus, ThresholdScope::Image));
  } else {
    out = gsb_attention(input, scales, attention_masks(input, taus, ThresholdScope::Image));
  }
  out.backward(g);
  set_fused_superposition_kernels(true);
  return {out.detach(), input.grad(), scales.grad()};
}

void compare(const Result& fused, const Result& reference) {
  BINVIT_COMPARE_EXACT(fused.out, reference.out);
  BINVIT_COMPARE_EXACT(fused.grad_input, reference.grad_input);
  // The scales' gradients are sums: the fused kernels add in double, the expressions in float.
  BINVIT_COMPARE_TENSORS(fused.grad_scales, reference.grad_scales,
                         1e-5 * (1 + reference.grad_scales.abs().max().item<double>()));
}

}  // namespace

// The fused one-pass kernels of GSB's attention and value superposition against the tensor
// expressions they replace (which the gradient tests check against ALGORITHMS.md 2.3).
class TestFusedSuperposition : public QObject {
  Q_OBJECT

 private slots:
  void fusedKernelsMatchTheExpressions_data() {
    QTest::addColumn<bool>("is_value");
    QTest::addColumn<int>("components");
    QTest::addColumn<QList<qint64>>("shape");
    for (bool is_value : {false, true}) {
      for (int components : {1, 2, 3, 4}) {
        for (const QList<qint64>& shape :
             {QList<qint64>{1, 1, 1, 1}, QList<qint64>{2, 3, 5, 7}, QList<qint64>{4, 4, 18, 18},
              QList<qint64>{3, 2, 130, 65}}) {
          QString name = QString("%1_K%2").arg(is_value ? "value" : "attention").arg(components);
          for (qint64 d : shape) name += "_" + QString::number(d);
          QTest::newRow(name.toUtf8().constData()) << is_value << components << shape;
        }
      }
    }
  }

  void fusedKernelsMatchTheExpressions() {
    QFETCH(bool, is_value);
    QFETCH(int, components);
    QFETCH(QList<qint64>, shape);
    torch::manual_seed(components * 31 + static_cast<int>(shape.back()));
    const std::vector<int64_t> sizes(shape.begin(), shape.end());
    torch::Tensor input =
        is_value ? torch::randn(sizes) : torch::softmax(torch::randn(sizes) * 3, -1);
    // Exact zeros and values on the base threshold and half-way point: where the rules decide.
    torch::Tensor scales = torch::rand({components}) * 0.5 + 0.05;
    auto flat = input.view({-1});
    const float base = scales[0].item<float>();
    const float specials[] = {0.0f, base, -base, base / 2, 2 * base};
    for (int64_t i = 0; i < 5 && i < flat.numel(); ++i) flat[i * 7 % flat.numel()] = specials[i];
    std::vector<double> taus;
    for (int k = 1; k < components; ++k) taus.push_back(0.5 + 0.4 * k / components);
    const torch::Tensor g = torch::randn(sizes);
    compare(run(true, is_value, input, scales, taus, g),
            run(false, is_value, input, scales, taus, g));
    // A strided view (per-head v arrives transposed) and a scale below the clamp.
    scales[0] = 0.0f;
    const torch::Tensor strided = input.transpose(1, 2);
    const torch::Tensor g_strided = g.transpose(1, 2);
    compare(run(true, is_value, strided, scales, taus, g_strided),
            run(false, is_value, strided, scales, taus, g_strided));
  }

  void otherDtypesTakeTheExpressions() {
    const torch::Tensor a = torch::rand({2, 3, 4}, torch::kDouble).requires_grad_(true);
    const torch::Tensor alphas = torch::full({1}, 0.3, torch::kDouble).requires_grad_(true);
    const torch::Tensor out =
        gsb_attention(a, alphas, attention_masks(a, {}, ThresholdScope::Image));
    QCOMPARE(out.scalar_type(), torch::kDouble);
    BINVIT_COMPARE_EXACT(out, 0.3 * (a >= 0.15).to(torch::kDouble));
  }
};

BINVIT_REGISTER_TEST(TestFusedSuperposition);
#include "test_fused_superposition.moc"
