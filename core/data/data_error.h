#pragma once
// The one error type of the data layer. Every message names the file it is about and what was
// wrong with it, because the person reading it has to find and fix that file.

#include <filesystem>
#include <stdexcept>
#include <string>

namespace binvit::data {

class DataError : public std::runtime_error {
 public:
  DataError(const std::filesystem::path& file, const std::string& what)
      : std::runtime_error(file.string() + ": " + what), file_(file) {}

  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

}  // namespace binvit::data
