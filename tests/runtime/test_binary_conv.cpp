// Binary convolution (binary_conv.h) against a direct integer convolution of the unpacked +-1
// values with zero padding, for every variant this CPU runs, over awkward shapes: odd maps,
// dilations as large as the map, groups 1/2/4, channels per group around word boundaries,
// stride 2, batch > 1, one and two threads, and pixel ranges that start and end mid-row.
// Maps wider than 32 pixels, 8+ output channels per group and channel counts that are not a
// multiple of 4 exercise the AVX2 lookup kernel's blocks (32 pixels, across rows), channel
// tiles (8) and nibble tables.
#include "core/runtime/kernels/binary_conv.h"
#include "core/runtime/kernels/kernels.h"
#include "core/runtime/kernels/parallel.h"
#include "tests/runtime/kernel_test_support.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace binvit::test;
namespace rk = binvit::runtime::kernels;

namespace {

rk::ConvShape conv_shape(int batch, int height, int width, int cpg, int opg, int groups, int kernel,
                         int stride, int dilation, int padding) {
  rk::ConvShape s;
  s.batch = batch;
  s.height = height;
  s.width = width;
  s.in_channels = static_cast<std::size_t>(cpg) * groups;
  s.out_channels = static_cast<std::size_t>(opg) * groups;
  s.groups = groups;
  s.kernel_height = s.kernel_width = kernel;
  s.stride = stride;
  s.dilation = dilation;
  s.padding = padding;
  return s;
}

// Direct convolution of sgn(x) (NHWC) and sgn(w) (out, in / groups, kh, kw); taps outside the
// map add 0. Output [pixel][out channel].
std::vector<std::int32_t> oracle(const rk::ConvShape& s, const std::vector<float>& x,
                                 const std::vector<float>& w) {
  const long oh = static_cast<long>(s.out_height()), ow = static_cast<long>(s.out_width());
  const long cpg = static_cast<long>(s.in_per_group()), opg = static_cast<long>(s.out_per_group());
  const long kh = static_cast<long>(s.kernel_height), kw = static_cast<long>(s.kernel_width);
  const long h = static_cast<long>(s.height), wd = static_cast<long>(s.width);
  const long cin = static_cast<long>(s.in_channels), cout = static_cast<long>(s.out_channels);
  const long st = static_cast<long>(s.stride), dl = static_cast<long>(s.dilation),
             pd = static_cast<long>(s.padding);
  std::vector<std::int32_t> out(s.out_pixels() * s.out_channels, 0);
  for (long n = 0; n < static_cast<long>(s.batch); ++n)
    for (long oy = 0; oy < oh; ++oy)
      for (long ox = 0; ox < ow; ++ox)
        for (long o = 0; o < cout; ++o) {
          long sum = 0;
          const long g = o / opg;
          for (long c = 0; c < cpg; ++c)
            for (long ky = 0; ky < kh; ++ky)
              for (long kx = 0; kx < kw; ++kx) {
                const long iy = oy * st - pd + ky * dl, ix = ox * st - pd + kx * dl;
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                const float xv = x[((n * h + iy) * wd + ix) * cin + g * cpg + c];
                const float wv = w[((o * cpg + c) * kh + ky) * kw + kx];
                sum += sign_of(xv) * sign_of(wv);
              }
          out[((n * oh + oy) * ow + ox) * cout + o] = static_cast<std::int32_t>(sum);
        }
  return out;
}

struct ConvCase {
  rk::ConvShape shape;
  std::vector<float> x, w;
  ConvCase(const rk::ConvShape& s, std::uint64_t seed)
      : shape(s),
        x(signed_floats(s.batch * s.height * s.width, s.in_channels, seed)),
        w(signed_floats(s.out_channels, s.in_per_group() * s.taps(), seed + 1)) {}

  // Runs the variant through the entry point; extra output columns hold a sentinel.
  std::vector<std::int32_t> run(const rk::KernelTable& table, std::size_t ldo) const {
    const rk::PackedConvWeights weights = rk::pack_conv_weights(shape, w.data());
    // One sentinel word past the end: a kernel reading past the packed input would see it.
    std::vector<std::uint64_t> packed(shape.packed_input_words() + 1, PackedRows::kSentinel);
    rk::pack_conv_input(table, shape, x.data(), packed.data());
    std::vector<std::int32_t> out(shape.out_pixels() * ldo, -7777);
    rk::BinaryConv problem;
    problem.weights = &weights;
    problem.input = packed.data();
    problem.out = out.data();
    problem.ldo = ldo;
    rk::binary_conv(table, problem);
    return out;
  }
};

QString conv_name(const QString& variant, const rk::ConvShape& s) {
  return QStringLiteral("%1 b%2 %3x%4 cpg%5 opg%6 g%7 k%8 s%9 d%10 p%11")
      .arg(variant)
      .arg(s.batch)
      .arg(s.height)
      .arg(s.width)
      .arg(s.in_per_group())
      .arg(s.out_per_group())
      .arg(s.groups)
      .arg(s.kernel_height)
      .arg(s.stride)
      .arg(s.dilation)
      .arg(s.padding);
}

void add_row(const char* variant, const rk::ConvShape& s) {
  QTest::newRow(qPrintable(conv_name(variant, s)))
      << QString(variant)
      << QVariant::fromValue(QList<qulonglong>{s.batch, s.height, s.width, s.in_per_group(),
                                               s.out_per_group(), s.groups, s.kernel_height,
                                               s.stride, s.dilation, s.padding});
}

rk::ConvShape shape_of(const QList<qulonglong>& v) {
  return conv_shape(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
}

}  // namespace

class TestBinaryConv : public QObject {
  Q_OBJECT

 private slots:
  void matchesOracle_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QVariant>("dims");
    const int maps[][2] = {{1, 1}, {3, 5}, {7, 7}, {9, 11}};
    for (const char* variant : kVariants) {
      // 3x3 "same" convolutions, every dilation (5 >= every map side here but 9x11's width).
      for (const auto& hw : maps)
        for (int d : {1, 3, 5})
          for (int groups : {1, 2, 4})
            for (int cpg : {1, 3, 16, 32, 63, 64, 65, 130})
              add_row(variant, conv_shape(1, hw[0], hw[1], cpg, 3, groups, 3, 1, d, d));
      // The 2x2 stride-2 downsampling, odd sizes (the last row / column is dropped), C -> 2C.
      for (const auto& hw : maps)
        for (int cpg : {1, 16, 63, 64, 65, 130})
          add_row(variant, conv_shape(1, hw[0], hw[1], cpg, 2 * cpg, 1, 2, 2, 1, 0));
      // Blocks of 32 pixels spanning rows, 8-channel tiles full and partial, nibbles with
      // 1..3 channels, several counter segments (cpg 32 and up).
      for (int d : {1, 3, 5})
        for (int groups : {1, 2, 4})
          for (int cpg : {16, 17, 32, 40, 96})
            add_row(variant, conv_shape(1, 13, 37, cpg, cpg == 17 ? 17 : 8, groups, 3, 1, d, d));
      add_row(variant, conv_shape(1, 28, 28, 32, 32, 4, 3, 1, 3, 3));
      add_row(variant, conv_shape(1, 2, 45, 16, 16, 4, 3, 1, 1, 1));
      // Padding other than "same" (out width > and < the input width), 1x1 and 5x5 kernels,
      // a batch whose images' blocks do not line up with 32 pixels.
      add_row(variant, conv_shape(1, 6, 9, 16, 8, 4, 3, 1, 2, 5));
      add_row(variant, conv_shape(1, 11, 13, 32, 16, 4, 3, 1, 3, 0));
      add_row(variant, conv_shape(1, 7, 40, 16, 16, 4, 1, 1, 1, 0));
      add_row(variant, conv_shape(1, 9, 9, 24, 8, 2, 5, 1, 2, 4));
      add_row(variant, conv_shape(2, 7, 9, 16, 16, 4, 3, 1, 1, 1));
      // Batch > 1, BHViT's shapes at 32 px, no padding, stride 2 with padding.
      add_row(variant, conv_shape(3, 5, 4, 16, 16, 4, 3, 1, 3, 3));
      add_row(variant, conv_shape(2, 8, 8, 16, 16, 4, 3, 1, 5, 5));
      add_row(variant, conv_shape(2, 4, 4, 32, 32, 4, 3, 1, 3, 3));
      add_row(variant, conv_shape(2, 8, 8, 64, 128, 1, 2, 2, 1, 0));
      add_row(variant, conv_shape(1, 9, 7, 5, 4, 2, 3, 1, 1, 0));
      add_row(variant, conv_shape(2, 9, 11, 17, 5, 2, 3, 2, 2, 1));
    }
  }
  void matchesOracle() {
    QFETCH(QString, variant);
    QFETCH(QVariant, dims);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const rk::ConvShape s = shape_of(dims.value<QList<qulonglong>>());
    const ConvCase problem(s, 5 + s.in_channels * 3 + s.height);
    const std::size_t ldo = s.out_channels + 2;
    const std::vector<std::int32_t> out = problem.run(*table, ldo);
    const QString error =
        first_mismatch(oracle(s, problem.x, problem.w), out.data(), s.out_pixels(), s.out_channels,
                       ldo, conv_name(variant, s));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The columns between out_channels and ldo are not the kernel's to write.
    for (std::size_t p = 0; p < s.out_pixels(); ++p) QCOMPARE(out[p * ldo + s.out_channels], -7777);
  }

  // BHViT's shapes large enough to be split between two threads: the same bits as one thread.
  void threadCountDoesNotChangeResults_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QVariant>("dims");
    for (const char* variant : kVariants) {
      add_row(variant, conv_shape(1, 28, 28, 16, 16, 4, 3, 1, 5, 5));
      add_row(variant, conv_shape(2, 13, 15, 32, 32, 4, 3, 1, 3, 3));
      add_row(variant, conv_shape(1, 27, 29, 64, 128, 1, 2, 2, 1, 0));
    }
  }
  void threadCountDoesNotChangeResults() {
    QFETCH(QString, variant);
    QFETCH(QVariant, dims);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const rk::ConvShape s = shape_of(dims.value<QList<qulonglong>>());
    const ConvCase problem(s, 77);
    rk::set_num_threads(1);
    const std::vector<std::int32_t> one = problem.run(*table, s.out_channels);
    rk::set_num_threads(2);
    const std::vector<std::int32_t> two = problem.run(*table, s.out_channels);
    rk::set_num_threads(1);
    const QString shape = conv_name(variant, s);
    QString error = first_mismatch(oracle(s, problem.x, problem.w), one.data(), s.out_pixels(),
                                   s.out_channels, s.out_channels, "1 thread " + shape);
    if (error.isEmpty())
      error = first_mismatch(one, two.data(), s.out_pixels(), s.out_channels, s.out_channels,
                             "2 threads " + shape);
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  // The variant's own function on pixel ranges [begin, end) that start and end mid-row and
  // mid-block (the entry point only splits whole rows): the range matches the oracle and no
  // other output is written.
  void pixelRangesWriteOnlyTheirPixels_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QVariant>("dims");
    for (const char* variant : kVariants) {
      add_row(variant, conv_shape(2, 9, 37, 16, 16, 4, 3, 1, 3, 3));
      add_row(variant, conv_shape(1, 11, 13, 17, 9, 2, 3, 1, 1, 0));
      add_row(variant, conv_shape(1, 9, 11, 16, 16, 1, 2, 2, 1, 0));
    }
  }
  void pixelRangesWriteOnlyTheirPixels() {
    QFETCH(QString, variant);
    QFETCH(QVariant, dims);
    BINVIT_KERNEL_TABLE_OR_SKIP(table, variant);
    const rk::ConvShape s = shape_of(dims.value<QList<qulonglong>>());
    const ConvCase problem(s, 91);
    const std::vector<std::int32_t> expected = oracle(s, problem.x, problem.w);
    const rk::PackedConvWeights weights = rk::pack_conv_weights(s, problem.w.data());
    std::vector<std::uint64_t> packed(s.packed_input_words());
    rk::pack_conv_input(*table, s, problem.x.data(), packed.data());
    const std::size_t pixels = s.out_pixels(), oc = s.out_channels;
    QVERIFY(pixels >= 20);
    const std::size_t ranges[][2] = {{0, 1},
                                     {5, 6},
                                     {3, std::min<std::size_t>(pixels, 40)},
                                     {7, pixels - 2},
                                     {pixels - 1, pixels}};
    for (const auto& range : ranges) {
      std::vector<std::int32_t> out(pixels * oc, -7777);
      rk::BinaryConv part;
      part.weights = &weights;
      part.input = packed.data();
      part.out = out.data();
      part.ldo = oc;
      part.pixel_begin = range[0];
      part.pixel_end = range[1];
      table->binary_conv(part);
      for (std::size_t p = 0; p < pixels; ++p)
        for (std::size_t o = 0; o < oc; ++o) {
          const bool inside = p >= range[0] && p < range[1];
          const std::int32_t want = inside ? expected[p * oc + o] : -7777;
          if (out[p * oc + o] != want) {
            QFAIL(qPrintable(QStringLiteral("%1, pixels [%2, %3): pixel %4 channel %5: expected "
                                            "%6, actual %7")
                                 .arg(conv_name(variant, s))
                                 .arg(range[0])
                                 .arg(range[1])
                                 .arg(p)
                                 .arg(o)
                                 .arg(want)
                                 .arg(out[p * oc + o])));
          }
        }
    }
  }

  // A 1x1 map with a 3x3 kernel: only the centre tap is inside, all +1 input and all +1
  // weights give exactly cpg (a kernel counting padded taps as -1 or +1 gives cpg -+ 8 cpg).
  void paddedTapsAddNothing() {
    for (const rk::KernelTable* table : rk::kernel_tables()) {
      const rk::ConvShape s = conv_shape(1, 1, 1, 65, 2, 1, 3, 1, 1, 1);
      std::vector<float> x(65, 1.0f), w(2 * 65 * 9, 1.0f);
      const rk::PackedConvWeights weights = rk::pack_conv_weights(s, w.data());
      std::vector<std::uint64_t> packed(s.packed_input_words());
      rk::pack_conv_input(*table, s, x.data(), packed.data());
      std::int32_t out[2] = {0, 0};
      rk::BinaryConv problem;
      problem.weights = &weights;
      problem.input = packed.data();
      problem.out = out;
      problem.ldo = 2;
      rk::binary_conv(*table, problem);
      QCOMPARE(out[0], 65);
      QCOMPARE(out[1], 65);
    }
  }
};

BINVIT_REGISTER_TEST(TestBinaryConv);
#include "test_binary_conv.moc"
