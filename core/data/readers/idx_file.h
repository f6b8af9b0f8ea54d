#pragma once
// The IDX format of MNIST and Fashion-MNIST: a magic number (0, 0, type 0x08 = unsigned byte,
// dimension count), big-endian 32-bit sizes, then the bytes. Gzip and raw files read alike.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace binvit::data {

struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> bytes;
};

// Throws DataError naming the file on a wrong magic number, a type other than unsigned byte, a
// corrupt gzip stream, or a file shorter than its header says (with the offset where it ends).
IdxArray read_idx_file(const std::filesystem::path& file);

}  // namespace binvit::data
