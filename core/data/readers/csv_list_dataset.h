#pragma once
// A CSV or text list of `path,label` lines. Paths are relative to the list's folder unless
// absolute. Labels are class indices when every label is a non-negative integer (the class count
// is then the largest plus one), otherwise class names (sorted to give the indices). Lines that
// are empty or start with '#' are skipped, and so is a first line whose path is "path" or
// "filename" (a header). Without a comma, the last whitespace-separated field is the label.

#include "core/data/file_list_dataset.h"

#include <memory>

namespace binvit::data {

// Throws DataError naming the list and the line number of a malformed line.
std::shared_ptr<FileListDataset> read_csv_list(const std::filesystem::path& list,
                                               const ReadOptions& options = {});

}  // namespace binvit::data
