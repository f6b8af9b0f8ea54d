#include "core/data/file_list_dataset.h"

#include "core/data/data_error.h"
#include "core/data/image_file.h"

#include <system_error>

namespace binvit::data {

FileListDataset::FileListDataset(std::vector<LabelledFile> files,
                                 std::vector<std::string> class_names,
                                 const std::filesystem::path& listed_in,
                                 const ReadOptions& options)
    : class_names_(std::move(class_names)) {
  const auto classes = static_cast<int64_t>(class_names_.size());
  files_.reserve(files.size());
  for (LabelledFile& file : files) {
    if (file.label < 0 || file.label >= classes) {
      throw DataError(listed_in, "label " + std::to_string(file.label) + " of " +
                                     file.path.string() + " is outside [0, " +
                                     std::to_string(classes) + ")");
    }
    std::error_code error;
    const bool present = std::filesystem::is_regular_file(file.path, error);
    const bool usable = options.skip_unreadable ? present && is_readable_image(file.path) : present;
    if (usable) {
      files_.push_back(std::move(file));
    } else if (options.skip_unreadable) {
      ++skipped_;
    } else {
      throw DataError(listed_in, "missing image " + file.path.string());
    }
  }
}

Sample FileListDataset::get(size_t i) const {
  const LabelledFile& file = files_.at(i);
  return {read_image(file.path), file.label};
}

}  // namespace binvit::data
