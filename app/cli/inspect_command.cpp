// `binvit inspect CHECKPOINT_OR_RUN IMAGE --out DIR`: the Inspect page's maps as PNG files.
#include "app/cli/commands.h"
#include "core/data/image_file.h"
#include "core/inspect/inspection_report.h"
#include "core/inspect/model_inspector.h"

#include <iomanip>
#include <iostream>

namespace binvit::cli {

void register_inspect_command(CLI::App& app, Action& action) {
  struct Options {
    std::string source, image, out;
    inspect::ReportOptions report;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "inspect",
      "Attention maps of every layer and head over an image (class token, rollout, "
      "mass masks, GSB components) as PNG files, and a summary.json with the top-5, "
      "the learned scales and the +1 shares of every binary layer");
  command->add_option("source", o->source, "Run folder (its last stage's best.pt) or checkpoint")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("image", o->image, "Image file (PNG, JPEG, BMP, PPM)")
      ->required()
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
