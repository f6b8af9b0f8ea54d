#include "core/data/readers/csv_list_dataset.h"

#include "core/data/data_error.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

namespace binvit::data {
namespace fs = std::filesystem;
namespace {

struct Line {
  std::string path;
  std::string label;
  size_t number;
};

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n\"");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n\"") - first + 1);
}

bool is_header(const Line& line) {
  std::string path = line.path;
  std::transform(path.begin(), path.end(), path.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return line.number == 1 && (path == "path" || path == "filename" || path == "file");
}

Line split_line(const std::string& text, size_t number, const fs::path& list) {
  size_t cut = text.rfind(',');
  if (cut == std::string::npos) cut = text.find_last_of(" \t");
  Line line{cut == std::string::npos ? "" : trim(text.substr(0, cut)),
            cut == std::string::npos ? "" : trim(text.substr(cut + 1)), number};
  if (line.path.empty() || line.label.empty()) {
    throw DataError(list, "line " + std::to_string(number) + " is not `path,label`: " + text);
  }
  return line;
}

std::vector<Line> read_lines(const fs::path& list) {
  std::ifstream in(list);
  if (!in) throw DataError(list, "missing or unreadable list file");
  std::vector<Line> lines;
  size_t number = 0;
  for (std::string text; std::getline(in, text);) {
    ++number;
    const std::string content = trim(text);
    if (content.empty() || content.front() == '#') continue;
    Line line = split_line(content, number, list);
    if (!is_header(line)) lines.push_back(std::move(line));
  }
  if (lines.empty()) throw DataError(list, "the list holds no `path,label` line");
  return lines;
}

bool all_indices(const std::vector<Line>& lines) {
  return std::all_of(lines.begin(), lines.end(), [](const Line& line) {
    return line.label.size() < 10 &&
           std::all_of(line.label.begin(), line.label.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
  });
}

}  // namespace

std::shared_ptr<FileListDataset> read_csv_list(const fs::path& list, const ReadOptions& options) {
  const std::vector<Line> lines = read_lines(list);
  std::vector<std::string> names;
  std::map<std::string, int64_t> index_of;
  if (all_indices(lines)) {
    int64_t largest = 0;
    for (const Line& line : lines) largest = std::max<int64_t>(largest, std::stoll(line.label));
    for (int64_t c = 0; c <= largest; ++c) index_of[std::to_string(c)] = c;
    for (int64_t c = 0; c <= largest; ++c) names.push_back(std::to_string(c));
  } else {
    for (const Line& line : lines) index_of[line.label] = 0;
    for (auto& [name, index] : index_of) {
      index = static_cast<int64_t>(names.size());
      names.push_back(name);
    }
  }
  std::vector<LabelledFile> files;
  for (const Line& line : lines) {
    const fs::path path(line.path);
    const int64_t label = index_of.count(line.label) != 0 ? index_of.at(line.label)
                                                          : std::stoll(line.label);
    files.push_back({path.is_absolute() ? path : list.parent_path() / path, label});
  }
  return std::make_shared<FileListDataset>(std::move(files), std::move(names), list, options);
}

}  // namespace binvit::data
