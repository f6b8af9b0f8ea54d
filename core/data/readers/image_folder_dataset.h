#pragma once
// An image folder: one subfolder per class (sorted names give the class indices), images anywhere
// below it (nested folders are flattened into their top-level class). PNG, JPEG, BMP and PPM,
// extensions in any case; other files are ignored.

#include "core/data/file_list_dataset.h"

#include <memory>

namespace binvit::data {

// Throws DataError when `root` is not a folder or holds no class subfolder.
std::shared_ptr<FileListDataset> read_image_folder(const std::filesystem::path& root,
                                                   const ReadOptions& options = {});

}  // namespace binvit::data
