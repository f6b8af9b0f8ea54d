// `binvit inspect CHECKPOINT_OR_RUN IMAGE --out DIR`: the Inspect page's maps as PNG files; for a
// segmentation model the prediction overlay (and with --mask the truth and the image's IoU).
#include "app/cli/commands.h"
#include "core/data/image_file.h"
#include "core/inspect/inspection_report.h"
#include "core/inspect/model_inspector.h"
#include "core/inspect/segmentation_inspector.h"
#include "core/inspect/segmentation_report.h"

#include <cmath>
#include <iomanip>
#include <iostream>

namespace binvit::cli {
namespace {

int inspect_segmentation(const std::string& source, const std::string& image,
                         const std::string& mask_file, const std::string& out) {
  const inspect::SegmentationInspector inspector = inspect::SegmentationInspector::open(source);
  const cv::Mat mask = mask_file.empty() ? cv::Mat() : data::read_mask(mask_file);
  const inspect::SegmentationInspection result = inspector.inspect(data::read_image(image), mask);
  const auto files = inspect::write_segmentation_report(result, inspector.info(), out);
  const auto& names = inspector.info().class_names;
  std::cout << inspector.info().model_name << "\n"
            << image << "\n"
            << std::fixed << std::setprecision(2);
  for (size_t c = 0; c < names.size(); ++c) {
    if (result.predicted_share[c] == 0 && !(result.scored && !std::isnan(result.iou[c]))) continue;
    std::cout << "  " << std::left << std::setw(20) << names[c] << std::right << std::setw(7)
              << 100 * result.predicted_share[c] << "% of pixels";
    if (result.scored) {
      std::cout << "   IoU ";
      if (std::isnan(result.iou[c])) {
        std::cout << "-";
      } else {
        std::cout << 100 * result.iou[c] << "%";
      }
    }
    std::cout << "\n";
  }
  if (result.scored) {
    std::cout << "mIoU " << 100 * result.mean_iou << "%  pixel accuracy "
              << 100 * result.pixel_accuracy << "%\n";
  }
  for (const std::string& note : inspector.info().notes) std::cout << "note: " << note << "\n";
  std::cout << files.size() << " files in " << out << "\n";
  return 0;
}

}  // namespace

void register_inspect_command(CLI::App& app, Action& action) {
  struct Options {
    std::string source, image, mask, out;
    inspect::ReportOptions report;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "inspect",
      "Attention maps of every layer and head over an image (class token, rollout, "
      "mass masks, GSB components) as PNG files, and a summary.json with the top-5, "
      "the learned scales and the +1 shares of every binary layer; for a segmentation "
      "model the prediction overlay with a legend, the class shares and, with --mask, the "
      "image's IoU");
  command->add_option("source", o->source, "Run folder (its last stage's best.pt) or checkpoint")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("image", o->image, "Image file (PNG, JPEG, BMP, PPM)")
      ->required()
      ->check(CLI::ExistingFile);
  command
      ->add_option("--mask", o->mask,
                   "Segmentation models: the image's mask (8-bit PNG of class indices, 255 = "
                   "ignore), for the truth overlay and the image's IoU")
      ->check(CLI::ExistingFile);
  command->add_option("-o,--out", o->out, "Folder for the PNG files and summary.json")->required();
  command->add_option("-l,--layer", o->report.layer, "Only this attention layer (default: all)");
  command->add_option("--head", o->report.head,
                      "Only this head besides the head mean (default: all)");
  command->add_option("--mass", o->report.mass, "Share of a map's mass the mass masks keep")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  command->callback([&action, o] {
    action = [o] {
      if (inspect::SegmentationInspector::holds_segmentation_model(o->source)) {
        return inspect_segmentation(o->source, o->image, o->mask, o->out);
      }
      if (!o->mask.empty()) {
        throw std::runtime_error(o->source +
                                 ": --mask is for segmentation models; this is a "
                                 "classifier");
      }
      inspect::ModelInspector inspector = inspect::ModelInspector::open(o->source);
      const inspect::InspectionResult result = inspector.inspect(data::read_image(o->image));
      const auto files = inspect::write_inspection_report(result, o->report, o->out);
      std::cout << result.model_name << "\n" << o->image << "\n";
      for (const inspect::Prediction& p : result.top) {
        std::cout << "  " << std::fixed << std::setprecision(4) << p.probability << "  " << p.name
                  << "\n";
      }
      for (const std::string& note : result.notes) std::cout << "note: " << note << "\n";
      std::cout << files.size() << " files in " << o->out << "\n";
      return 0;
    };
  });
}

}  // namespace binvit::cli
