#include "core/data/readers/class_names_file.h"

#include "core/data/data_error.h"

#include <fstream>

namespace binvit::data {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::vector<std::string> read_class_names(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw DataError(file, "missing or unreadable class-name list");
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    line = trim(line);
    if (!line.empty()) names.push_back(line);
  }
  return names;
}

std::vector<std::string> read_class_names_or_numbers(const std::filesystem::path& file,
                                                     size_t count) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return numbered_class_names(count);
  std::vector<std::string> names = read_class_names(file);
  if (names.size() < count) {
    throw DataError(file, "holds " + std::to_string(names.size()) + " class names, " +
                              std::to_string(count) + " expected");
  }
  names.resize(count);
  return names;
}

std::vector<std::string> numbered_class_names(size_t count) {
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) names.push_back(std::to_string(i));
  return names;
}

}  // namespace binvit::data
