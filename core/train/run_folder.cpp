#include "core/train/run_folder.h"

#include "core/nn/build_info.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/cpu_features.h"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <sstream>
#include <stdexcept>

namespace binvit::train {
namespace {

nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read (is this a run folder?)");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(path.string() + ": not valid JSON: " + error.what());
  }
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace

RunFolder::RunFolder(std::filesystem::path root, nlohmann::json config)
    : root_(std::move(root)), config_(std::move(config)) {}

RunFolder RunFolder::create(const std::filesystem::path& root, const nlohmann::json& config,
                            const nlohmann::json& manifest) {
  if (std::filesystem::exists(root / "config.json")) {
    throw std::runtime_error(root.string() +
                             ": already holds a run (resume it with --resume, or choose another "
                             "--out folder)");
  }
  std::filesystem::create_directories(root / "checkpoints");
  std::filesystem::create_directories(root / "reports");
  // The manifest first: a folder with config.json is a run, so config.json comes last.
  runtime::write_file_atomically(root / "manifest.json", manifest.dump(2) + "\n");
  runtime::write_file_atomically(root / "config.json", config.dump(2) + "\n");
  return RunFolder(root, config);
}

RunFolder RunFolder::open(const std::filesystem::path& root) {
  return RunFolder(root, read_json_file(root / "config.json"));
}

std::filesystem::path RunFolder::checkpoint(const std::string& stage,
                                            const std::string& which) const {
  return root_ / "checkpoints" / stage / (which + ".pt");
}

std::filesystem::path RunFolder::reports() const { return root_ / "reports"; }

void RunFolder::append_metrics(const nlohmann::json& record) {
  std::ofstream out(metrics_path(), std::ios::app);
  out << record.dump() << "\n";
  out.flush();
  if (!out) throw std::runtime_error(metrics_path().string() + ": cannot append metrics");
}

std::vector<nlohmann::json> RunFolder::read_metrics() const {
  std::vector<nlohmann::json> records;
  std::ifstream in(metrics_path());
  std::string line;
  while (std::getline(in, line)) {
    try {
      records.push_back(nlohmann::json::parse(line));
    } catch (const nlohmann::json::exception&) {
      // A line cut by a kill: skip it, the resume drops it from the file.
    }
  }
  return records;
}

void RunFolder::truncate_metrics(int stage_index, int64_t step) {
  std::ostringstream kept;
  for (const auto& record : read_metrics()) {
    const int stage = record.value("stage_index", 0);
    if (stage < stage_index || (stage == stage_index && record.value("step", int64_t{0}) <= step)) {
      kept << record.dump() << "\n";
    }
  }
  runtime::write_file_atomically(metrics_path(), kept.str());
}

nlohmann::json run_manifest(uint64_t seed) {
  const nn::BuildInfo build = nn::build_info();
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return {{"binvit_version", build.project_version},
          {"libtorch_version", build.libtorch_version},
          {"blas_library", build.blas_library},
          {"build_type", build.build_type},
          {"intra_op_threads", build.intra_op_threads},
          {"hardware_threads", build.hardware_threads},
          {"cpu", runtime::cpu_features().brand},
          {"cpu_features", runtime::describe_cpu_features(runtime::cpu_features())},
          {"host", host},
          {"seed", seed},
          {"started", utc_now()}};
}

}  // namespace binvit::train
