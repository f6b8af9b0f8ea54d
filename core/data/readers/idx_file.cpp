#include "core/data/readers/idx_file.h"

#include "core/data/data_error.h"

#include <zlib.h>

#include <memory>
#include <sstream>

namespace binvit::data {
namespace {

constexpr uint8_t kUnsignedByteType = 0x08;

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

// zlib reads a file without a gzip header as-is, so one path serves .gz and raw files.
class ByteStream {
 public:
  explicit ByteStream(const std::filesystem::path& file) : file_(file) {
    handle_.reset(gzopen(file.string().c_str(), "rb"));
    if (!handle_) throw DataError(file, "cannot open");
    gzbuffer(handle_.get(), 1 << 20);
  }

  // Reads exactly n bytes, or throws naming the offset where the file ended.
  void read(void* out, size_t n, const char* what) {
    size_t done = 0;
    while (done < n) {
      const auto chunk = static_cast<unsigned>(std::min<size_t>(n - done, 1u << 30));
      const int got = gzread(handle_.get(), static_cast<char*>(out) + done, chunk);
      if (got < 0) {
        int code = 0;
        throw DataError(file_, std::string("corrupt gzip stream: ") + gzerror(handle_.get(), &code));
      }
      if (got == 0) {
        std::ostringstream message;
        message << "truncated file: ends at offset " << offset_ + done << " while reading " << what
                << " (" << n << " bytes expected from offset " << offset_ << ")";
        throw DataError(file_, message.str());
      }
      done += static_cast<size_t>(got);
    }
    offset_ += n;
  }

  size_t offset() const { return offset_; }

 private:
  std::filesystem::path file_;
  GzHandle handle_;
  size_t offset_ = 0;
};

uint32_t big_endian(const uint8_t* b) {
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

}  // namespace

IdxArray read_idx_file(const std::filesystem::path& file) {
  ByteStream stream(file);
  uint8_t magic[4];
  stream.read(magic, 4, "the magic number");
  if (magic[0] != 0 || magic[1] != 0 || magic[3] == 0 || magic[3] > 4) {
    std::ostringstream message;
    message << "wrong magic number 0x" << std::hex << big_endian(magic)
            << " (an IDX file starts with 0x0000 08 NN)";
    throw DataError(file, message.str());
  }
  if (magic[2] != kUnsignedByteType) {
    throw DataError(file, "unsupported IDX element type " + std::to_string(magic[2]) +
                              " (only unsigned bytes, 0x08)");
  }
  IdxArray array;
  size_t count = 1;
  for (int d = 0; d < magic[3]; ++d) {
    uint8_t size[4];
    stream.read(size, 4, "the dimension sizes");
    array.dims.push_back(big_endian(size));
    count *= array.dims.back();
  }
  array.bytes.resize(count);
  stream.read(array.bytes.data(), count, "the data");
  return array;
}

}  // namespace binvit::data
