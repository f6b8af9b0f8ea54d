#pragma once
// Oxford Flowers-102 in its official layout:
//   root/jpg/image_00001.jpg ... image_08189.jpg
//   root/imagelabels.mat  variable `labels`: the class (1..102) of each image, in image order
//   root/setid.mat        variables `trnid`, `valid`, `tstid`: 1-based image numbers per split
// The official split gives 10 images per class to train and to val each (kTrainVal: 20 per class,
// the training set of the GSB experiments) and the rest to test. Class i is named by its official
// number i + 1, since the files carry no names.

#include "core/data/file_list_dataset.h"
#include "core/data/split.h"

#include <memory>

namespace binvit::data {

std::shared_ptr<FileListDataset> read_flowers102(const std::filesystem::path& root, Split split,
                                                 const ReadOptions& options = {});

}  // namespace binvit::data
