#pragma once
// A run folder (ARCHITECTURE.md): config.json, manifest.json, metrics.jsonl, checkpoints/<stage>/
// {last,best}.pt, reports/. Everything but the metrics log is written atomically; the log is
// appended line by line and, on resume, cut back to what the resumed checkpoint had seen, so a
// resumed run has neither duplicated nor missing records.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace binvit::train {

class RunFolder {
 public:
  // A new run: creates the folder and writes config.json and manifest.json. Throws
  // std::runtime_error naming the folder when it already holds a run.
  static RunFolder create(const std::filesystem::path& root, const nlohmann::json& config,
                          const nlohmann::json& manifest);
  // An existing run, for resume or evaluation; throws naming the file when config.json is
  // missing or not JSON.
  static RunFolder open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }
  const nlohmann::json& config() const { return config_; }

  std::filesystem::path checkpoint(const std::string& stage, const std::string& which) const;
  std::filesystem::path reports() const;
  std::filesystem::path metrics_path() const { return root_ / "metrics.jsonl"; }

  void append_metrics(const nlohmann::json& record);
  // Keeps the records of stages before `stage_index` and those of `stage_index` with a global
  // step <= `step`; drops everything else, including a torn last line.
  void truncate_metrics(int stage_index, int64_t step);
  // Every record of the log, in order (torn lines are skipped).
  std::vector<nlohmann::json> read_metrics() const;

 private:
  explicit RunFolder(std::filesystem::path root, nlohmann::json config);
  std::filesystem::path root_;
  nlohmann::json config_;
};

// Facts that make a run reproducible: versions, threads, BLAS, CPU, host, start time.
nlohmann::json run_manifest(uint64_t seed);

}  // namespace binvit::train
