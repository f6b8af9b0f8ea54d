#pragma once
// Reading numeric vectors from MATLAB .mat files with matio (Flowers102's label and split files).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace binvit::data {

// The elements of the numeric variable `name` (any shape, read in storage order) as integers.
// Throws DataError naming the file when it cannot be opened, has no such variable, or the
// variable is not a real numeric array holding whole numbers.
std::vector<int64_t> read_mat_integers(const std::filesystem::path& file, const std::string& name);

}  // namespace binvit::data
