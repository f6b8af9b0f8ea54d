#include <torch/torch.h>

#include "core/nn/models/bhvit_msmha.h"
#include "core/nn/quantizers/quantization_switch.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn;

namespace {

// ALGORITHMS.md 3.2-3.4 written pixel by pixel, with every binarizer switched off, so that the
// window split, the merged tokens, the residuals and the fold-back are checked against an
// independent computation rather than against the module's own reshapes.

torch::Tensor rprelu(const RPReLU& a, const torch::Tensor& x) {
  const torch::Tensor z = x - a->gamma;
  return torch::where(z >= 0, z, a->slope * z) + a->zeta;
}

torch::Tensor batch_norm_eval(const torch::nn::BatchNorm1d& n, const torch::Tensor& x) {
  return (x - n->running_mean) / torch::sqrt(n->running_var + n->options.eps()) * n->weight +
         n->bias;
}

// y = RPReLU(Norm((x + b) W^T) + x), square layers only.
torch::Tensor wrapper(const BinaryLayerWrapper& l, const torch::Tensor& x) {
  return rprelu(l->activation,
                batch_norm_eval(l->norm, torch::matmul(x + l->shift, l->linear->weight.t())) + x);
}

torch::Tensor reference(BhvitMsmhaImpl& m, const torch::Tensor& u, int64_t side, int64_t w) {
  const int64_t c = u.size(2), h = m.options.heads(), d = c / h, cells = side / w;
  const int64_t windows = cells * cells;
  const auto pixel = [&](int64_t y, int64_t x) { return y * side + x; };
  torch::Tensor out = torch::zeros_like(u);
  for (int64_t b = 0; b < u.size(0); ++b) {
    // Merged token of cell (cy, cx): a * max + (1 - a) * mean over a w x w block that starts
    // (w - 1) / 2 pixels before the cell (the released pooling padding, 3 for w = 7); pixels
    // outside the map count as zeros in the mean and are ignored by the max.
    const int64_t pad = (w - 1) / 2;
    std::vector<torch::Tensor> merged;
    for (int64_t cy = 0; cy < cells; ++cy) {
      for (int64_t cx = 0; cx < cells; ++cx) {
        std::vector<torch::Tensor> block;
        for (int64_t y = cy * w - pad; y < (cy + 1) * w - pad; ++y) {
          for (int64_t x = cx * w - pad; x < (cx + 1) * w - pad; ++x) {
            if (y >= 0 && y < side && x >= 0 && x < side) block.push_back(u[b][pixel(y, x)]);
          }
        }
        const torch::Tensor stacked = torch::stack(block);
        merged.push_back(m.merge_weight * std::get<0>(stacked.max(0)) +
                         (1 - m.merge_weight) * stacked.sum(0) / static_cast<double>(w * w));
      }
    }
    std::vector<torch::Tensor> contexts;  // per window: (w^2 + windows, C)
    for (int64_t cy = 0; cy < cells; ++cy) {
      for (int64_t cx = 0; cx < cells; ++cx) {
        std::vector<torch::Tensor> tokens;
        for (int64_t ty = 0; ty < w; ++ty) {
          for (int64_t tx = 0; tx < w; ++tx) tokens.push_back(u[b][pixel(cy * w + ty, cx * w + tx)]);
        }
        for (const auto& t : merged) tokens.push_back(t);
        const torch::Tensor x = torch::layer_norm(torch::stack(tokens), {c},
                                                  m.token_norm->weight, m.token_norm->bias);
        const torch::Tensor tq = wrapper(m.query, x), tk = wrapper(m.key, x), tv = wrapper(m.value, x);
        const torch::Tensor q = tq + m.query_shift, k = tk + m.key_shift, v = tv + m.value_shift;
        std::vector<torch::Tensor> heads;
        for (int64_t head = 0; head < h; ++head) {
          const auto part = [&](const torch::Tensor& t) { return t.slice(1, head * d, (head + 1) * d); };
          const torch::Tensor a = torch::softmax(
              torch::matmul(part(q), part(k).t()) / std::sqrt(static_cast<double>(d)), -1);
          heads.push_back(torch::matmul(a, part(v)));
        }
        contexts.push_back(rprelu(m.context_activation,
                                  batch_norm_eval(m.context_norm, torch::cat(heads, 1)) + tq + tk + tv));
      }
    }
    for (int64_t y = 0; y < side; ++y) {
      for (int64_t x = 0; x < side; ++x) {
        const int64_t window = (y / w) * cells + x / w, cell = window;
        const torch::Tensor local = contexts[window][(y % w) * w + x % w];
        torch::Tensor global = torch::zeros({c});
        for (int64_t other = 0; other < windows; ++other) global = global + contexts[other][w * w + cell];
        global = global / static_cast<double>(windows);
        out[b][pixel(y, x)] = m.window_weight * local + (1 - m.window_weight) * global;
      }
    }
  }
  const torch::Tensor projected = wrapper(m.output, out);
  return m.output_scale->scale * projected + m.output_scale->shift;
}

// Every parameter and BatchNorm statistic away from its initial value, so that no term can hide.
void randomise(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& p : module.parameters()) p.copy_(torch::randn_like(p) * 0.5 + (p.dim() == 1 ? 0.3 : 0.0));
  for (auto& item : module.named_buffers()) {
    if (item.key().find("running_var") != std::string::npos) item.value().uniform_(0.5, 2.0);
    if (item.key().find("running_mean") != std::string::npos) item.value().normal_(0, 0.3);
  }
}

}  // namespace

class TestBhvitMsmhaReference : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { torch::manual_seed(59); }

  void forwardMatchesAPixelByPixelComputation_data() {
    QTest::addColumn<int>("side");
    QTest::addColumn<int>("window");
    QTest::newRow("four_windows") << 4 << 2;
    QTest::newRow("one_window") << 4 << 4;
    QTest::newRow("nine_windows") << 6 << 2;
    QTest::newRow("padded_pooling") << 6 << 3;
    QTest::newRow("released_window_7") << 14 << 7;
  }

  void forwardMatchesAPixelByPixelComputation() {
    QFETCH(int, side);
    QFETCH(int, window);
    BhvitMsmha m(BhvitMsmhaOptions(8, 2, window, side));
    randomise(*m);
    set_quantization_enabled(*m, false);
    m->eval();
    torch::NoGradGuard no_grad;
    const auto u = torch::randn({2, side * side, 8});
    BINVIT_COMPARE_TENSORS(m->forward(u), reference(*m, u, side, window), 1e-4);
  }
};

BINVIT_REGISTER_TEST(TestBhvitMsmhaReference);
#include "test_bhvit_msmha_reference.moc"
