#pragma once
// Which checkpoint a run folder stands for, when a workflow is given a folder. Torch-free.

#include <filesystem>

namespace binvit::deploy {

// A file is returned as it is. For a folder: the newest best*.pt under its checkpoints/ (or
// under the folder itself when it has no checkpoints/), else the newest last*.pt. Throws
// std::runtime_error naming the folder when it holds neither.
std::filesystem::path resolve_checkpoint(const std::filesystem::path& run_or_checkpoint);

}  // namespace binvit::deploy
