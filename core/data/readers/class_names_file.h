#pragma once
// Class-name lists: one name per line (CIFAR meta files, the class list of a segmentation set).

#include <filesystem>
#include <string>
#include <vector>

namespace binvit::data {

// The non-empty lines of the file, trimmed. Throws DataError when the file cannot be read.
std::vector<std::string> read_class_names(const std::filesystem::path& file);

// The names from `file` when it exists, else "0", "1", ... Throws DataError when the file holds
// fewer names than `count` (a meta file that does not match its data).
std::vector<std::string> read_class_names_or_numbers(const std::filesystem::path& file,
                                                     size_t count);

// "0", "1", ..., count - 1.
std::vector<std::string> numbered_class_names(size_t count);

}  // namespace binvit::data
