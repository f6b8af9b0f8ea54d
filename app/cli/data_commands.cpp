#include "app/cli/commands.h"
#include "core/data/dataset_factory.h"
#include "core/data/dataset_statistics.h"
#include "core/data/preview_grid.h"
#include "core/data/transforms/presets.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <iomanip>
#include <iostream>

namespace binvit::cli {
namespace {

struct DataOptions {
  std::string format = "fashion-mnist";
  std::string path;
  std::string split = "train";
  bool skip_unreadable = false;
};

void add_dataset_options(CLI::App& command, DataOptions& options) {
  std::string formats;
  for (const auto& f : data::dataset_formats()) formats += " " + f;
  for (const auto& f : data::segmentation_formats()) formats += " " + f;
  command.add_option("-f,--format", options.format, "Dataset format:" + formats)->capture_default_str();
  command.add_option("-p,--path", options.path,
                     "Dataset folder (the list file for csv); default: the built-in Fashion-MNIST");
  command.add_option("-s,--split", options.split, "train, val, test or trainval")->capture_default_str();
  command.add_flag("--skip-unreadable", options.skip_unreadable,
                   "Leave out missing or undecodable images (and report how many)");
}

data::DatasetSpec spec_of(const DataOptions& options) {
  return {options.format, options.path, data::parse_split(options.split),
          data::ReadOptions{options.skip_unreadable}};
}

void print_statistics(const data::DatasetStatistics& stats, size_t skipped) {
  std::cout << "items: " << stats.items << "  classes: " << stats.class_counts.size()
            << "  skipped unreadable: " << skipped << "\n";
  for (size_t c = 0; c < stats.class_counts.size(); ++c) {
    std::cout << "  " << std::setw(4) << c << "  " << std::left << std::setw(24)
              << stats.class_names[c] << std::right << std::setw(8) << stats.class_counts[c] << "\n";
  }
  std::cout << "image sizes (of " << stats.sampled << " decoded):\n";
  for (const auto& [size, count] : stats.sizes) {
    std::cout << "  " << size.first << "x" << size.second << "  " << count << "\n";
  }
  std::cout << std::fixed << std::setprecision(4) << "channels: " << stats.channels << "  mean:";
  for (double m : stats.mean) std::cout << " " << m;
  std::cout << "  std:";
  for (double s : stats.std) std::cout << " " << s;
  std::cout << "\n";
}

int run_segmentation_info(const DataOptions& options, bool json) {
  const auto dataset = data::open_segmentation_dataset(spec_of(options));
  nlohmann::json info = {{"items", dataset->size()}, {"classes", dataset->class_names()},
                         {"skipped", dataset->skipped()}};
  if (json) {
    std::cout << info.dump(2) << "\n";
  } else {
    std::cout << "image/mask pairs: " << dataset->size() << "  classes: " << dataset->class_names().size()
              << "  skipped unreadable: " << dataset->skipped() << "  ignore index: " << data::kIgnoreIndex << "\n";
  }
  return 0;
}

int run_info(const DataOptions& options, size_t samples, bool json) {
  if (data::is_segmentation_format(options.format)) return run_segmentation_info(options, json);
  const auto dataset = data::open_dataset(spec_of(options));
  const data::DatasetStatistics stats = data::compute_statistics(*dataset, samples);
  if (json) {
    nlohmann::json out = data::to_json(stats);
    out["skipped"] = dataset->skipped();
    std::cout << out.dump(2) << "\n";
  } else {
    print_statistics(stats, dataset->skipped());
  }
  return 0;
}

struct PreviewOptions {
  size_t index = 0;
  int count = 16;
  int size = 0;  // 0: the image's own (largest side), for the small presets
  std::string preset = "gsb-train";
  uint64_t seed = 0;
  std::string out = "grid.png";
};

int run_preview(const DataOptions& options, const PreviewOptions& preview) {
  const auto dataset = data::open_dataset(spec_of(options));
  if (preview.index >= dataset->size()) {
    throw std::invalid_argument("--index " + std::to_string(preview.index) + " is beyond the " +
                                std::to_string(dataset->size()) + " items");
  }
  const data::Sample sample = dataset->get(preview.index);
  data::PipelineOptions pipeline;
  pipeline.image_size = preview.size > 0 ? preview.size : std::max(sample.image.cols, sample.image.rows);
  const cv::Mat grid = data::augmentation_grid(sample.image, *data::make_transforms(preview.preset, pipeline),
                                               preview.count, preview.seed, pipeline.mean, pipeline.std);
  cv::Mat bgr;
  cv::cvtColor(grid, bgr, cv::COLOR_RGB2BGR);
  if (!cv::imwrite(preview.out, bgr)) throw std::runtime_error(preview.out + ": cannot write the grid");
  std::cout << "wrote " << preview.out << ": " << dataset->source(preview.index) << " (class "
            << dataset->class_names().at(static_cast<size_t>(sample.label)) << ") through "
            << preview.preset << " " << preview.count << " times\n";
  return 0;
}

}  // namespace

void register_data_command(CLI::App& app, Action& action) {
  CLI::App* data = app.add_subcommand("data", "Inspect datasets: statistics and augmentation previews");
  data->require_subcommand(1);

  auto info_options = std::make_shared<DataOptions>();
  auto samples = std::make_shared<size_t>(2000);
  auto json = std::make_shared<bool>(false);
  CLI::App* info = data->add_subcommand("info", "Class counts, image sizes, channel mean/std");
  add_dataset_options(*info, *info_options);
  info->add_option("--samples", *samples, "Images decoded for sizes and mean/std (0: all)")
      ->capture_default_str();
  info->add_flag("--json", *json, "Print JSON");
  info->callback([&action, info_options, samples, json] {
    action = [info_options, samples, json] { return run_info(*info_options, *samples, *json); };
  });

  auto preview_data = std::make_shared<DataOptions>();
  auto preview = std::make_shared<PreviewOptions>();
  CLI::App* grid = data->add_subcommand("preview", "One image through the training transforms, as a grid");
  add_dataset_options(*grid, *preview_data);
  grid->add_option("-i,--index", preview->index, "The item to show")->capture_default_str();
  grid->add_option("-n,--count", preview->count, "How many runs of the transforms")
      ->capture_default_str()->check(CLI::Range(1, 256));
  grid->add_option("--size", preview->size, "Output size of the transforms (0: the image's)");
  grid->add_option("--preset", preview->preset, "gsb-train or gsb-eval")->capture_default_str();
  grid->add_option("--seed", preview->seed, "Seed of the first run")->capture_default_str();
  grid->add_option("-o,--out", preview->out, "PNG file to write")->capture_default_str();
  grid->callback([&action, preview_data, preview] {
    action = [preview_data, preview] { return run_preview(*preview_data, *preview); };
  });
}

}  // namespace binvit::cli
