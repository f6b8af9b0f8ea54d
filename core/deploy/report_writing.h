#pragma once
// Internal to core/deploy: the pieces every write_report shares.

#include "core/deploy/deploy_common.h"

#include <filesystem>
#include <string>
#include <vector>

namespace binvit::deploy::detail {

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& value);
// One CSV line of already formatted fields, ended by "\n".
std::string csv_line(const std::vector<std::string>& fields);

// Writes the JSON (pretty-printed, as the CLI always wrote it) or the CSV atomically.
void write_report_file(const std::filesystem::path& path, ReportFormat format,
                       const nlohmann::json& json, const std::string& csv);

// Reports `fraction` of `step` if there is a callback.
inline void report(const ProgressCallback& progress, const std::string& step, double fraction) {
  if (progress) progress(step, fraction);
}

inline bool is_cancelled(CancelFlag cancel) {
  return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

}  // namespace binvit::deploy::detail
