#pragma once
// Options shared by the readers of image files.

namespace binvit::data {

struct ReadOptions {
  // Leave out images that are missing or cannot be decoded instead of failing; the number left
  // out is reported by Dataset::skipped(). Checking decodability reads every image once.
  bool skip_unreadable = false;
};

}  // namespace binvit::data
