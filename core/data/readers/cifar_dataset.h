#pragma once
// CIFAR-10 and CIFAR-100, binary versions. A record is the label byte(s) then 3072 pixel bytes:
// the red plane, then green, then blue, each 32 x 32 row-major.
//   CIFAR-10:  data_batch_1..5.bin (train), test_batch.bin; <1 label><3072 pixels>
//   CIFAR-100: train.bin, test.bin; <1 coarse label><1 fine label><3072 pixels>
// Class names come from batches.meta.txt (CIFAR-10) or fine_label_names.txt /
// coarse_label_names.txt (CIFAR-100) in the same folder when present, else "0", "1", ...

#include "core/data/in_memory_dataset.h"
#include "core/data/split.h"

#include <filesystem>
#include <memory>

namespace binvit::data {

enum class CifarVariant { kCifar10, kCifar100Fine, kCifar100Coarse };

// Reads the given batch files of one variant into one dataset. Throws DataError naming the file
// when its size is not a whole number of records (with the offset of the partial record) or a
// label is out of range.
std::shared_ptr<InMemoryDataset> read_cifar_files(const std::vector<std::filesystem::path>& files,
                                                  CifarVariant variant);

// The standard files of `root` for kTrain or kTest.
std::shared_ptr<InMemoryDataset> read_cifar_folder(const std::filesystem::path& root,
                                                   CifarVariant variant, Split split);

}  // namespace binvit::data
