#include "core/deploy/run_checkpoint.h"

#include <stdexcept>
#include <string>

namespace binvit::deploy {

namespace fs = std::filesystem;

fs::path resolve_checkpoint(const fs::path& run_or_checkpoint) {
  if (!fs::is_directory(run_or_checkpoint)) return run_or_checkpoint;
  const fs::path folder = fs::is_directory(run_or_checkpoint / "checkpoints")
                              ? run_or_checkpoint / "checkpoints"
                              : run_or_checkpoint;
  // "best" wins over a newer "last": a finished run's best checkpoint is what one deploys.
  for (const char* prefix : {"best", "last"}) {
    fs::path found;
    fs::file_time_type newest{};
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name.rfind(prefix, 0) == 0 &&
          entry.path().extension() == ".pt" &&
          (found.empty() || entry.last_write_time() > newest)) {
        found = entry.path();
        newest = entry.last_write_time();
      }
    }
    if (!found.empty()) return found;
  }
  throw std::runtime_error("no best*.pt or last*.pt checkpoint under '" + folder.string() + "'");
}

}  // namespace binvit::deploy
