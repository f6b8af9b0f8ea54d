#pragma once
// Files of a run folder (checkpoints, configs, reports) are written atomically: to a temporary
// file in the same folder, flushed to disk, then renamed over the target, so a crash or a kill
// leaves either the old file or the new one, never a torn one.

#include <filesystem>
#include <functional>
#include <string>

namespace binvit::runtime {

// Writes `contents` to `target` atomically. Throws std::runtime_error naming the file on failure.
void write_file_atomically(const std::filesystem::path& target, const std::string& contents);

// For writers that need a path (torch::save): `write(temporary)` fills a temporary file that is
// then synced and renamed over `target`; on any exception the temporary file is removed.
void replace_file_atomically(const std::filesystem::path& target,
                             const std::function<void(const std::filesystem::path&)>& write);

}  // namespace binvit::runtime
