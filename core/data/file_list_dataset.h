#pragma once
// A dataset of image files with known labels, decoded on demand: the shared back end of the image
// folder, CSV list, Flowers102 and Chaoyang readers. Only paths and labels are kept in memory, so
// a folder larger than memory streams through the loader.

#include "core/data/dataset.h"
#include "core/data/read_options.h"

#include <filesystem>

namespace binvit::data {

struct LabelledFile {
  std::filesystem::path path;
  int64_t label = 0;
};

class FileListDataset : public Dataset {
 public:
  // Checks that every file exists (and, with skip_unreadable, that it decodes). A missing file
  // throws DataError naming it and `listed_in` (the list or folder that named it), unless the
  // option leaves it out. Labels outside [0, class count) throw.
  FileListDataset(std::vector<LabelledFile> files, std::vector<std::string> class_names,
                  const std::filesystem::path& listed_in, const ReadOptions& options);

  size_t size() const override { return files_.size(); }
  const std::vector<std::string>& class_names() const override { return class_names_; }
  int64_t label(size_t i) const override { return files_.at(i).label; }
  Sample get(size_t i) const override;
  std::string source(size_t i) const override { return files_.at(i).path.string(); }
  size_t skipped() const override { return skipped_; }

 private:
  std::vector<LabelledFile> files_;
  std::vector<std::string> class_names_;
  size_t skipped_ = 0;
};

}  // namespace binvit::data
