// binvit: the command-line twin of BinViT Studio, for scripts and servers.
#include "app/cli/commands.h"
#include "core/nn/build_info.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"binvit: train, inspect, export and run binarized Vision Transformers (GSB, BHViT)",
               "binvit"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  int threads = 0;
  app.add_flag("-V,--version", show_version,
               "Print versions, the BLAS library in use, CPU features and threads");
  app.add_option("-t,--threads", threads, "LibTorch intra-op threads (0: all cores)")
      ->check(CLI::NonNegativeNumber);

  binvit::cli::Action action;
  binvit::cli::register_models_command(app, action);
  binvit::cli::register_summary_command(app, action);
  binvit::cli::register_import_weights_command(app, action);
  binvit::cli::register_export_weights_command(app, action);
  binvit::cli::register_demo_command(app, action);
  binvit::cli::register_data_command(app, action);
  binvit::cli::register_train_commands(app, action, binvit::cli::executable_path(argv[0]));
  binvit::cli::register_export_command(app, action);
  binvit::cli::register_infer_command(app, action);
  binvit::cli::register_verify_command(app, action);
  binvit::cli::register_bench_command(app, action);
  binvit::cli::register_inspect_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  try {
    binvit::nn::set_intra_op_threads(threads);
    if (show_version) return binvit::cli::print_version();
    if (action) return action();
    std::cout << app.help();
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "binvit: error: " << error.what() << "\n";
    return 1;
  }
}
