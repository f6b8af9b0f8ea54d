#pragma once
// Tensor comparisons for Qt Test that print where and by how much two tensors differ.
// Include after <torch/torch.h>.

#include <QTest>

#include <sstream>
#include <string>

namespace binvit::test {

inline std::string describe_difference(const torch::Tensor& actual, const torch::Tensor& expected) {
  std::ostringstream out;
  if (actual.sizes() != expected.sizes()) {
    out << "shape " << actual.sizes() << " != expected " << expected.sizes();
    return out.str();
  }
  const torch::Tensor diff = (actual.to(torch::kDouble) - expected.to(torch::kDouble)).abs();
  const int64_t at = diff.reshape(-1).argmax().item<int64_t>();
  out << "max |difference| " << diff.max().item<double>() << " at flat index " << at
      << ": actual " << actual.reshape(-1)[at].item<double>() << ", expected "
      << expected.reshape(-1)[at].item<double>();
  return out.str();
}

inline bool all_close(const torch::Tensor& actual, const torch::Tensor& expected, double tolerance) {
  if (actual.sizes() != expected.sizes()) return false;
  return (actual.to(torch::kDouble) - expected.to(torch::kDouble)).abs().max().item<double>() <=
         tolerance;
}

}  // namespace binvit::test

#define BINVIT_COMPARE_TENSORS(actual, expected, tolerance)                                   \
  QVERIFY2(binvit::test::all_close((actual), (expected), (tolerance)),                        \
           binvit::test::describe_difference((actual), (expected)).c_str())

// Exact equality, for quantized values and bits.
#define BINVIT_COMPARE_EXACT(actual, expected) BINVIT_COMPARE_TENSORS(actual, expected, 0.0)
