#include "core/data/readers/chaoyang_dataset.h"

#include "core/data/data_error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace binvit::data {
namespace fs = std::filesystem;
namespace {

nlohmann::json parse_list(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw DataError(file, "missing or unreadable JSON list");
  nlohmann::json list;
  try {
    list = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw DataError(file, std::string("invalid JSON: ") + error.what());
  }
  if (!list.is_array()) throw DataError(file, "expected a JSON list of {name, label} entries");
  return list;
}

LabelledFile parse_entry(const nlohmann::json& entry, size_t index, const fs::path& file,
                         const fs::path& root) {
  const std::string where = "entry " + std::to_string(index) + " (" + entry.dump() + ")";
  if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
    throw DataError(file, where + " has no string 'name'");
  }
  if (!entry.contains("label") || !entry["label"].is_number_integer()) {
    throw DataError(file, where + " has no integer 'label'");
  }
  return {root / entry["name"].get<std::string>(), entry["label"].get<int64_t>()};
}

}  // namespace

std::shared_ptr<FileListDataset> read_chaoyang(const fs::path& root, Split split,
                                               const ReadOptions& options) {
  if (split != Split::kTrain && split != Split::kTest) {
    throw DataError(root, "Chaoyang has only a train and a test split");
  }
  const fs::path file = root / (split == Split::kTrain ? "train.json" : "test.json");
  const nlohmann::json list = parse_list(file);
  std::vector<LabelledFile> files;
  for (size_t i = 0; i < list.size(); ++i) files.push_back(parse_entry(list[i], i, file, root));
  return std::make_shared<FileListDataset>(std::move(files), chaoyang_class_names(), file, options);
}

std::vector<std::string> chaoyang_class_names() {
  return {"normal", "serrated", "adenocarcinoma", "adenoma"};
}

}  // namespace binvit::data
