#pragma once
// Shared by the engine-versus-LibTorch tests: export to an in-memory `.bvit`, random inputs of a
// model's shape, and the agreement checks with a readable account of where values differ.
#include <torch/torch.h>

#include "core/nn/export/bvit_export.h"
#include "core/nn/export/engine_agreement.h"
#include "core/nn/layers/binary_conv2d.h"
#include "core/nn/layers/binary_linear.h"
#include "core/nn/models/bhvit_msmha.h"
#include "core/runtime/engine/engine.h"
#include "core/runtime/format/bvit_file.h"

#include <QTest>

#include <sstream>
#include <string>

namespace binvit::test {

namespace nn = binvit::nn;
namespace engine = binvit::runtime::engine;
namespace fmt = binvit::runtime::format;

inline engine::Engine engine_for(nn::ClassifierModel& model) {
  const std::string bytes = nn::export_bvit_bytes(model, {});
  return engine::Engine(fmt::BvitFile::parse(bytes.data(), bytes.size(), "exported.bvit"));
}

// Non-zero shifts, RPReLU offsets and BatchNorm statistics, so that every folded path of a
// BHViT carries values (a fresh model has zeros and ones there).
inline void randomize_bhvit_statistics(torch::nn::Module& model) {
  torch::NoGradGuard no_grad;
  for (auto& item : model.named_parameters()) {
    const std::string& name = item.key();
    if (name.find("shift") != std::string::npos || name.find("zeta") != std::string::npos ||
        name.find("gamma") != std::string::npos) {
      item.value().normal_(0.0, 0.05);
    }
  }
  for (auto& item : model.named_buffers()) {
    const std::string& name = item.key();
    if (name.find("running_mean") != std::string::npos) item.value().normal_(0.0, 0.1);
    if (name.find("running_var") != std::string::npos) item.value().uniform_(0.5, 2.0);
  }
}

// The rows verification must report for a BHViT (classifier or segmentation): input bits and
// product counts of every binary linear and convolution; q, k, scores, value signs and a map
// and product per QD level of every MSMHA.
inline int expected_bhvit_rows(torch::nn::Module& model) {
  int rows = 0;
  for (const auto& item : model.named_modules()) {
    const auto& m = *item.value();
    if (m.as<nn::BinaryLinearImpl>() != nullptr || m.as<nn::BinaryConv2dImpl>() != nullptr)
      rows += 2;
    if (const auto* a = m.as<nn::BhvitMsmhaImpl>()) {
      rows += 4 + 2 * static_cast<int>(a->attention_quantizer->options.levels());
    }
  }
  return rows;
}

inline torch::Tensor images_for(const nn::ClassifierModel& model, int64_t batch) {
  const auto shape = model.input_shape();
  return torch::randn({batch, shape[0], shape[1], shape[2]});
}

inline std::string describe(const nn::AgreementReport& report) {
  std::ostringstream out;
  out << "max relative difference " << report.max_relative_difference << ", top-1 "
      << report.top1_agreeing << "/" << report.images << ", pixels " << report.pixels_agreeing
      << "/" << report.pixels;
  for (const auto* list : {&report.layerwise, &report.layers}) {
    out << (list == &report.layers ? "\nend to end:" : "\nlayer by layer:");
    int shown = 0;
    for (const auto& l : *list) {
      if (l.differing && shown++ < 6)
        out << "\n  " << l.name << ": " << l.differing << " of " << l.elements << " differ";
    }
  }
  return out.str();
}

// End to end, the engine's float parts (LayerNorm, softmax, GELU, the epilogues' single
// rounding) differ from LibTorch's by a few units in the last place; a value that close to a
// binarizer's threshold can flip one bit, and a flipped bit changes everything downstream of it
// in a random-weight network. Without such a flip, the logits must agree to 1e-4 and the
// prediction must be the same; with one, the test reports where it happened.
inline void check_end_to_end(const nn::AgreementReport& report) {
  if (report.differing_bits() == 0) {
    QVERIFY2(report.differing_counts() == 0, describe(report).c_str());
    QVERIFY2(report.max_relative_difference <= 1e-4, describe(report).c_str());
    if (report.pixels > 0) {
      QVERIFY2(report.pixels_agreeing == report.pixels, describe(report).c_str());
    } else {
      QVERIFY2(report.top1_agreeing == report.images, describe(report).c_str());
    }
    QVERIFY(report.passes());
  } else {
    QVERIFY(!report.passes());
    qWarning("end to end a rounding near-tie flipped bits (layers agree on identical inputs): %s",
             describe(report).c_str());
  }
}

}  // namespace binvit::test
