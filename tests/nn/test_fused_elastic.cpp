#include <torch/torch.h>

#include "core/nn/functional/elastic_binarize.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QtTest>

using namespace binvit::nn::functional;

namespace {

struct Result {
  torch::Tensor out, grad_x, grad_alpha;
};

Result run(bool fused, bool is_signed, const torch::Tensor& x0, const torch::Tensor& alpha0,
           const torch::Tensor& g) {
  set_fused_elastic_kernels(fused);
  torch::Tensor x = x0.clone().requires_grad_(true);
  torch::Tensor alpha = alpha0.clone().requires_grad_(true);
  torch::Tensor out = is_signed ? elastic_sign(x, alpha) : elastic_unsigned(x, alpha);
  out.backward(g);
  set_fused_elastic_kernels(true);
  return {out.detach(), x.grad(), alpha.grad()};
}

void compare(const Result& fused, const Result& reference) {
  BINVIT_COMPARE_EXACT(fused.out, reference.out);
  BINVIT_COMPARE_EXACT(fused.grad_x, reference.grad_x);
  // alpha's gradient is a sum: the fused path adds in double, the reference in float.
  BINVIT_COMPARE_TENSORS(fused.grad_alpha, reference.grad_alpha,
                         1e-5 * (1 + reference.grad_alpha.abs().item<double>()));
}

}  // namespace

// The fused float32 kernels of the elastic binarizers against their reference expressions.
class TestFusedElastic : public QObject {
  Q_OBJECT

 private slots:
  void fusedKernelsMatchTheReference_data() {
    QTest::addColumn<bool>("is_signed");
    QTest::addColumn<QList<qint64>>("shape");
    for (bool is_signed : {true, false}) {
      const char* mode = is_signed ? "signed" : "unsigned";
      for (const QList<qint64>& shape : {QList<qint64>{1}, QList<qint64>{7, 13},
                                         QList<qint64>{3, 17, 96}, QList<qint64>{40000},
                                         QList<qint64>{2, 4, 18, 18}}) {
        QString name = QString("%1_%2").arg(mode).arg(shape.size());
        for (qint64 d : shape) name += "_" + QString::number(d);
        QTest::newRow(name.toUtf8().constData()) << is_signed << shape;
      }
    }
  }

  void fusedKernelsMatchTheReference() {
    QFETCH(bool, is_signed);
    QFETCH(QList<qint64>, shape);
    torch::manual_seed(7);
    std::vector<int64_t> sizes(shape.begin(), shape.end());
    torch::Tensor x = torch::randn(sizes) * 0.8;
    // Exact zeros, values on the thresholds and half-way points: where the rules are decided.
    auto flat = x.view({-1});
    const int64_t n = flat.numel();
    const float alpha_value = 0.5f;
    const float specials[] = {0.0f, alpha_value, -alpha_value, alpha_value / 2, 2 * alpha_value};
    for (int64_t i = 0; i < n && i < 5; ++i) flat[i * (n / 5 + 1) % n] = specials[i];
    const torch::Tensor alpha = torch::full({1}, alpha_value);
    const torch::Tensor g = torch::randn(sizes);
    Result fused = run(true, is_signed, x, alpha, g);
    Result reference = run(false, is_signed, x, alpha, g);
    compare(fused, reference);
    if (x.dim() >= 2) {  // strided views (per-head q/k) take the fused path too
      fused = run(true, is_signed, x.transpose(0, 1), alpha, g.transpose(0, 1));
      reference = run(false, is_signed, x.transpose(0, 1), alpha, g.transpose(0, 1));
      compare(fused, reference);
    }
  }

  void otherDtypesTakeTheReferencePath() {
    const torch::Tensor x = torch::randn({4, 5}, torch::kDouble).requires_grad_(true);
    const torch::Tensor alpha = torch::full({1}, 0.7, torch::kDouble).requires_grad_(true);
    // Double input: the result equals the reference formula alpha * sgn(x).
    const torch::Tensor out = elastic_sign(x, alpha);
    BINVIT_COMPARE_EXACT(out, torch::where(x >= 0, alpha, -alpha));
    out.sum().backward();
    BINVIT_COMPARE_EXACT(x.grad(), (x.abs() <= alpha).to(torch::kDouble));
  }
};

BINVIT_REGISTER_TEST(TestFusedElastic);
#include "test_fused_elastic.moc"
