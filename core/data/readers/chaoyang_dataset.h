#pragma once
// Chaoyang (colorectal pathology): root/train.json and root/test.json, each a JSON list of
// {"name": "<path relative to root>", "label": <class index>}. The four classes are normal,
// serrated, adenocarcinoma and adenoma (labels 0..3).

#include "core/data/file_list_dataset.h"
#include "core/data/split.h"

#include <memory>

namespace binvit::data {

// Throws DataError naming the JSON file and the entry when the JSON does not parse, is not a
// list, or an entry lacks a string `name` or an integer `label`.
std::shared_ptr<FileListDataset> read_chaoyang(const std::filesystem::path& root, Split split,
                                               const ReadOptions& options = {});

std::vector<std::string> chaoyang_class_names();

}  // namespace binvit::data
