#include "core/data/readers/image_folder_dataset.h"

#include "core/data/data_error.h"
#include "core/data/image_file.h"

#include <algorithm>

namespace binvit::data {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> class_folders(const fs::path& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) throw DataError(root, "not a folder");
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && entry.path().filename().string().front() != '.') {
      folders.push_back(entry.path());
    }
  }
  if (folders.empty()) throw DataError(root, "no class subfolders (expected root/<class>/<image>)");
  std::sort(folders.begin(), folders.end());
  return folders;
}

// Sorted, so item order does not depend on the file system's directory order.
std::vector<fs::path> images_below(const fs::path& folder) {
  std::vector<fs::path> images;
  for (const auto& entry :
       fs::recursive_directory_iterator(folder, fs::directory_options::follow_directory_symlink)) {
    if (entry.is_regular_file() && has_image_extension(entry.path())) images.push_back(entry.path());
  }
  std::sort(images.begin(), images.end());
  return images;
}

}  // namespace

std::shared_ptr<FileListDataset> read_image_folder(const fs::path& root,
                                                   const ReadOptions& options) {
  std::vector<std::string> names;
  std::vector<LabelledFile> files;
  for (const fs::path& folder : class_folders(root)) {
    const auto label = static_cast<int64_t>(names.size());
    names.push_back(folder.filename().string());
    for (fs::path& image : images_below(folder)) files.push_back({std::move(image), label});
  }
  return std::make_shared<FileListDataset>(std::move(files), std::move(names), root, options);
}

}  // namespace binvit::data
