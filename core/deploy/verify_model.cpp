#include "core/deploy/verify_model.h"

#include "core/data/data_loader.h"
#include "core/data/dataset_factory.h"
#include "core/data/random.h"
#include "core/deploy/engine_input.h"
#include "core/deploy/report_writing.h"
#include "core/deploy/run_checkpoint.h"
#include "core/deploy/segment_images.h"
#include "core/nn/export/engine_agreement.h"
#include "core/train/checkpoint.h"

#include <algorithm>
#include <functional>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace binvit::deploy {

nlohmann::json VerifyResult::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (const LayerAgreementRow& l : layers) {
    rows.push_back({{"name", l.name},
                    {"kind", l.bits ? "bits" : "counts"},
                    {"elements", l.elements},
                    {"differing_end_to_end", l.differing_end_to_end},
                    {"differing_same_input", l.differing_same_input}});
  }
  nlohmann::json j{{"model", model.string()},
                   {"checkpoint", checkpoint.string()},
                   {"images", images},
                   {"differing_bits", differing_bits},
                   {"differing_counts", differing_counts},
                   {"differing_same_input", differing_same_input},
                   {"max_relative_difference", max_relative_difference},
                   {"top1_agreement", top1_agreement},
                   {"pass", pass},
                   {"layers", rows}};
  if (segmentation) {
    j.erase("top1_agreement");
    j["pixels"] = pixels;
    j["pixel_agreement"] = pixel_agreement;
  }
  // Only when it happened, so that a complete report reads as it always has.
  if (cancelled) j["cancelled"] = true;
  return j;
}

std::string VerifyResult::to_csv() const {
  std::string csv = detail::csv_line(
      {"name", "kind", "elements", "differing_end_to_end", "differing_same_input"});
  for (const LayerAgreementRow& l : layers) {
    csv += detail::csv_line({l.name, l.bits ? "bits" : "counts", std::to_string(l.elements),
                             std::to_string(l.differing_end_to_end),
                             std::to_string(l.differing_same_input)});
  }
  return csv;
}

std::string VerifyResult::to_text() const {
  // Per layer: differing values end to end, and with every binarizing op fed the model's own
  // input of that layer (which isolates the rules from float rounding upstream).
  std::size_t width = 44;  // BHViT's module paths run longer than DeiT's
  for (const LayerAgreementRow& l : layers) width = std::max(width, l.name.size() + 2);
  const int name_width = static_cast<int>(width);
  std::ostringstream out;
  out << std::left << std::setw(name_width) << "layer" << std::setw(8) << "kind" << std::right
      << std::setw(13) << "elements" << std::setw(13) << "end to end" << std::setw(13)
      << "same input"
      << "\n";
  for (const LayerAgreementRow& l : layers) {
    out << std::left << std::setw(name_width) << l.name << std::setw(8)
        << (l.bits ? "bits" : "counts") << std::right << std::setw(13) << l.elements
        << std::setw(13) << l.differing_end_to_end << std::setw(13) << l.differing_same_input
        << "\n";
  }
  out << "images: " << images << " (" << dataset_size << " in " << format << "/" << split << ")\n"
      << "differing binarized bits: " << differing_bits << " (bar: 0)\n"
      << "differing binary-product integers: " << differing_counts << " (bar: 0)\n"
      << "differing bits and integers with each layer fed the model's input: "
      << differing_same_input << " (bar: 0)\n"
      << "logits max relative difference: " << std::scientific << std::setprecision(3)
      << max_relative_difference << " (bar: 1e-4)\n"
      << std::defaultfloat;
  if (segmentation) {
    out << "per-pixel argmax agreement: " << std::fixed << std::setprecision(4)
        << 100.0 * pixel_agreement << " % of " << pixels << " pixels (bar: 99.9 %)\n";
  } else {
    out << "top-1 agreement: " << std::fixed << std::setprecision(4) << 100.0 * top1_agreement
        << " % (bar: 99.9 %)\n";
  }
  if (cancelled) out << "cancelled after " << images << " images\n";
  out << (pass ? "PASS" : "FAIL") << "\n";
  return out.str();
}

VerifyResult verify_model(const VerifyOptions& o, const ProgressCallback& progress,
                          CancelFlag cancel) {
  if (o.batch <= 0) throw std::invalid_argument("verify: the batch size must be positive");
  VerifyResult result;
  result.model = o.model;
  result.checkpoint = o.checkpoint;
  result.format = o.format;
  result.split = o.split;

  detail::report(progress, "loading " + o.model.string(), 0.0);
  runtime::engine::Engine engine = runtime::engine::Engine::load(o.model);
  result.checkpoint_file = resolve_checkpoint(o.checkpoint);
  // The model and how a batch of images reaches it and the engine.
  std::function<void(const std::vector<cv::Mat>&, nn::AgreementReport&)> compare;
  const runtime::engine::Preprocessing& pre = engine.graph().preprocessing;
  result.segmentation = train::is_segmentation_checkpoint(result.checkpoint_file);
  if (result.segmentation) {
    auto model = train::load_segmentation_checkpoint(result.checkpoint_file).model;
    compare = [model, &engine, &pre](const std::vector<cv::Mat>& images, nn::AgreementReport& r) {
      nn::compare_engine_with_model(*model, engine, preprocess_for_segmentation(images, pre), r);
    };
  } else {
    auto model = train::load_checkpoint(result.checkpoint_file).model;
    compare = [model, &engine, &pre](const std::vector<cv::Mat>& images, nn::AgreementReport& r) {
      nn::compare_engine_with_model(*model, engine, preprocess(images, pre), r);
    };
  }
  if (result.segmentation != (engine.graph().task == runtime::engine::Task::Segmentation)) {
    throw std::invalid_argument(o.model.string() + " and " + result.checkpoint_file.string() +
                                ": one is a segmentation model, the other a classifier");
  }
  // Only the images are compared, so any dataset will do, of either task.
  const data::DatasetSpec spec{o.format, o.data_path, data::parse_split(o.split), {}};
  std::function<cv::Mat(size_t)> image_at;
  size_t dataset_size = 0;
  if (data::is_segmentation_format(o.format)) {
    auto dataset = data::open_segmentation_dataset(spec);
    dataset_size = dataset->size();
    image_at = [dataset](size_t i) { return dataset->get(i).image; };
  } else {
    auto dataset = data::open_dataset(spec);
    dataset_size = dataset->size();
    image_at = [dataset](size_t i) { return dataset->get(i).image; };
  }
  result.dataset_size = static_cast<std::int64_t>(dataset_size);
  const size_t count =
      o.limit > 0 ? std::min<size_t>(dataset_size, static_cast<size_t>(o.limit)) : dataset_size;
  nn::AgreementReport report;
  const auto batch_size = static_cast<size_t>(o.batch);
  for (size_t begin = 0; begin < count; begin += batch_size) {
    if (detail::is_cancelled(cancel)) {
      result.cancelled = true;
      break;
    }
    detail::report(progress,
                   "comparing images " + std::to_string(begin + 1) + "-" +
                       std::to_string(std::min(count, begin + batch_size)) + " of " +
                       std::to_string(count),
                   static_cast<double>(begin) / static_cast<double>(count));
    std::vector<cv::Mat> batch;
    for (size_t i = begin; i < std::min(count, begin + batch_size); ++i)
      batch.push_back(image_at(i));
    compare(batch, report);
  }
  for (size_t i = 0; i < report.layers.size(); ++i) {
    const nn::LayerAgreement& l = report.layers[i];
    result.layers.push_back(
        {l.name, l.bits, l.elements, l.differing,
         i < report.layerwise.size() ? report.layerwise[i].differing : std::int64_t{-1}});
  }
  result.images = report.images;
  result.differing_bits = report.differing_bits();
  result.differing_counts = report.differing_counts();
  result.differing_same_input = report.layerwise_differing();
  result.max_relative_difference = report.max_relative_difference;
  result.top1_agreement = report.top1_agreement();
  result.pixels = report.pixels;
  result.pixel_agreement = report.pixel_agreement();
  result.pass = report.passes();
  detail::report(progress, result.cancelled ? "cancelled" : "verified", 1.0);
  return result;
}

void write_report(const VerifyResult& result, const std::filesystem::path& path,
                  ReportFormat format) {
  detail::write_report_file(path, format, result.to_json(), result.to_csv());
}

}  // namespace binvit::deploy
