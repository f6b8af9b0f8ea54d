#include "core/data/readers/flowers102_dataset.h"

#include "core/data/data_error.h"
#include "core/data/readers/mat_file.h"

#include <algorithm>
#include <cstdio>

namespace binvit::data {
namespace fs = std::filesystem;
namespace {

std::vector<int64_t> split_ids(const fs::path& setid, Split split) {
  switch (split) {
    case Split::kTrain:
      return read_mat_integers(setid, "trnid");
    case Split::kVal:
      return read_mat_integers(setid, "valid");
    case Split::kTest:
      return read_mat_integers(setid, "tstid");
    case Split::kTrainVal:
      break;
  }
  std::vector<int64_t> ids = read_mat_integers(setid, "trnid");
  const std::vector<int64_t> val = read_mat_integers(setid, "valid");
  ids.insert(ids.end(), val.begin(), val.end());
  return ids;
}

fs::path image_path(const fs::path& root, int64_t id) {
  char name[32];
  std::snprintf(name, sizeof name, "image_%05lld.jpg", static_cast<long long>(id));
  return root / "jpg" / name;
}

}  // namespace

std::shared_ptr<FileListDataset> read_flowers102(const fs::path& root, Split split,
                                                 const ReadOptions& options) {
  const fs::path labels_file = root / "imagelabels.mat";
  const fs::path setid_file = root / "setid.mat";
  const std::vector<int64_t> labels = read_mat_integers(labels_file, "labels");
  if (labels.empty()) throw DataError(labels_file, "variable 'labels' is empty");
  const int64_t classes = *std::max_element(labels.begin(), labels.end());
  std::vector<std::string> names;
  for (int64_t c = 1; c <= classes; ++c) names.push_back(std::to_string(c));

  std::vector<LabelledFile> files;
  for (int64_t id : split_ids(setid_file, split)) {
    if (id < 1 || id > static_cast<int64_t>(labels.size())) {
      throw DataError(setid_file, "image number " + std::to_string(id) + " is outside [1, " +
                                      std::to_string(labels.size()) + "] of imagelabels.mat");
    }
    const int64_t label = labels[static_cast<size_t>(id - 1)];
    if (label < 1) throw DataError(labels_file, "label " + std::to_string(label) + " below 1");
    files.push_back({image_path(root, id), label - 1});
  }
  return std::make_shared<FileListDataset>(std::move(files), std::move(names), setid_file, options);
}

}  // namespace binvit::data
