#include "core/deploy/deploy_common.h"

#include "core/deploy/report_writing.h"
#include "core/runtime/atomic_file.h"

#include <algorithm>
#include <cctype>

namespace binvit::deploy {

ReportFormat resolve_report_format(const std::filesystem::path& path, ReportFormat format) {
  if (format != ReportFormat::kByExtension) return format;
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".csv" ? ReportFormat::kCsv : ReportFormat::kJson;
}

namespace detail {

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_field(fields[i]);
  }
  return line + "\n";
}

void write_report_file(const std::filesystem::path& path, ReportFormat format,
                       const nlohmann::json& json, const std::string& csv) {
  runtime::write_file_atomically(
      path, resolve_report_format(path, format) == ReportFormat::kCsv ? csv : json.dump(2) + "\n");
}

}  // namespace detail
}  // namespace binvit::deploy
