#include <torch/torch.h>

#include "core/nn/functional/token_layout.h"
#include "core/nn/functional/token_shift.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>

using namespace binvit::nn::functional;

namespace {

// A map whose value at (b, c, y, x) encodes its own position.
torch::Tensor position_map(int64_t batch, int64_t channels, int64_t side) {
  return torch::arange(batch * channels * side * side, torch::kDouble)
      .reshape({batch, channels, side, side});
}

}  // namespace

class TestBhvitLayout : public QObject {
  Q_OBJECT

 private slots:
  void tokensAreRowMajorPositions() {
    const auto map = position_map(2, 3, 4);
    const auto tokens = map_to_tokens(map);
    QCOMPARE(tokens.sizes(), (std::vector<int64_t>{2, 16, 3}));
    // Token n = y * side + x holds channel c of pixel (y, x).
    QCOMPARE(tokens[1][2 * 4 + 3][2].item<double>(), map[1][2][2][3].item<double>());
    BINVIT_COMPARE_EXACT(tokens_to_map(tokens, 4), map);
  }

  void windowsHoldTheirPixelsInRowMajorOrder() {
    const auto map = position_map(2, 3, 6);
    const auto windows = split_windows(map, 3);
    QCOMPARE(windows.sizes(), (std::vector<int64_t>{2 * 4, 9, 3}));
    // Image 1, window (row 1, column 0) is window 1 * 4 + 2; its token (2, 1) is pixel (5, 1).
    for (int64_t c = 0; c < 3; ++c) {
      QCOMPARE(windows[4 + 2][2 * 3 + 1][c].item<double>(), map[1][c][5][1].item<double>());
    }
    BINVIT_COMPARE_EXACT(merge_windows(windows, 3, 6), map);
  }

  void oneWindowIsTheWholeMap() {
    const auto map = position_map(1, 2, 5);
    BINVIT_COMPARE_EXACT(split_windows(map, 5), map_to_tokens(map));
  }

  void rolledMeanAveragesCircularNeighbours() {
    const auto map = position_map(1, 1, 5);
    const auto along_h = rolled_mean(map, 1, 2);
    // Row 0 sees rows 4 (wrapped), 0 and 1.
    const double expected = (map[0][0][4][2].item<double>() + map[0][0][0][2].item<double>() +
                             map[0][0][1][2].item<double>()) / 3;
    QCOMPARE(along_h[0][0][0][2].item<double>(), expected);
    const auto along_w = rolled_mean(map, 2, 3);
    double sum = 0;
    for (int64_t x : {0, 1, 2, 3, 4}) sum += map[0][0][3][x].item<double>();
    QCOMPARE(along_w[0][0][3][1].item<double>(), sum / 5);  // reach 2 on width 5: the whole row
    BINVIT_COMPARE_EXACT(rolled_mean(map, 0, 2), map);
  }

  void channelSplitRollMovesEachQuarterItsOwnWay() {
    const auto map = position_map(1, 8, 4);
    const auto rolled = channel_split_roll(map, 1);
    // Channels 0-1 move down one row, 2-3 up, 4-5 right one column, 6-7 left.
    QCOMPARE(rolled[0][0][1][0].item<double>(), map[0][0][0][0].item<double>());
    QCOMPARE(rolled[0][3][0][0].item<double>(), map[0][3][1][0].item<double>());
    QCOMPARE(rolled[0][4][0][1].item<double>(), map[0][4][0][0].item<double>());
    QCOMPARE(rolled[0][7][0][0].item<double>(), map[0][7][0][1].item<double>());
    QCOMPARE(rolled[0][6][2][3].item<double>(), map[0][6][2][0].item<double>());  // wraps around
  }

  void layoutErrorsNameTheShapes() {
    bool thrown = false;
    try {
      split_windows(position_map(1, 1, 6), 4);
    } catch (const c10::Error& error) {
      thrown = QString::fromUtf8(error.what()).contains("4x4");
    }
    QVERIFY(thrown);
  }
};

BINVIT_REGISTER_TEST(TestBhvitLayout);
#include "test_bhvit_layout.moc"
