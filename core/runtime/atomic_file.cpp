#include "core/runtime/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>

namespace binvit::runtime {
namespace {

std::runtime_error io_error(const std::string& what, const std::filesystem::path& path) {
  return std::runtime_error(what + " '" + path.string() + "': " + std::strerror(errno));
}

void sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) throw io_error("cannot open for syncing", path);
  const int result = ::fsync(fd);
  ::close(fd);
  if (result != 0) throw io_error("cannot sync", path);
}

std::filesystem::path temporary_sibling(const std::filesystem::path& target) {
  std::random_device device;
  return target.parent_path() /
         ("." + target.filename().string() + ".tmp-" + std::to_string(device()));
}

}  // namespace

void replace_file_atomically(const std::filesystem::path& target,
                             const std::function<void(const std::filesystem::path&)>& write) {
  const std::filesystem::path folder =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::filesystem::create_directories(folder);
  const std::filesystem::path temporary = temporary_sibling(folder / target.filename());
  try {
    write(temporary);
    sync_path(temporary, O_RDONLY);
    std::filesystem::rename(temporary, target);
    sync_path(folder, O_RDONLY | O_DIRECTORY);  // makes the rename itself durable
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

void write_file_atomically(const std::filesystem::path& target, const std::string& contents) {
  replace_file_atomically(target, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw io_error("cannot create", temporary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) throw io_error("cannot write", temporary);
  });
}

}  // namespace binvit::runtime
