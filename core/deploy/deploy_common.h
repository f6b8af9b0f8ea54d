#pragma once
// What the deploy workflows (export, verify, benchmark) share: progress reporting, cancelling,
// and the report formats. Standard library and nlohmann/json only, never a LibTorch header: the
// GUI includes this from Qt code, where Qt's `slots` macro breaks LibTorch's headers.

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace binvit::deploy {

// Called on the thread that runs the workflow (a worker thread in the GUI, which turns it into a
// queued signal) with a short, human-readable step and the overall fraction done in [0, 1].
// Called at most a few times per image or round, so it need not throttle.
using ProgressCallback = std::function<void(const std::string& step, double fraction)>;

// A workflow given a cancel flag reads it between its steps (files, batches of images, rounds)
// and, once it is true, stops and returns what it has with `cancelled` set in its result instead
// of throwing: a cancelled verification or benchmark still says how far it got.
using CancelFlag = const std::atomic<bool>*;

enum class ReportFormat {
  kByExtension,  // ".csv" (any case): CSV, anything else: JSON
  kJson,
  kCsv,
};

// One file a workflow wrote.
struct WrittenFile {
  std::string kind;  // "bvit", "safetensors", "libtorch"
  std::filesystem::path path;
  std::uint64_t bytes = 0;  // its size on disk, read back after writing
};

// The format kByExtension stands for at `path`.
ReportFormat resolve_report_format(const std::filesystem::path& path, ReportFormat format);

}  // namespace binvit::deploy
