// Replays the fuzzer corpus as a ctest: every valid_* file must load and run, every invalid_*
// file must be rejected with a BvitError, and nothing may crash or throw anything else.
#include "tests/fuzz/fuzz_bvit_reader.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_FOLDER\n";
    return 2;
  }
  int failures = 0, files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    const std::string name = entry.path().filename().string();
    std::ifstream in(entry.path(), std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto outcome = binvit::fuzz::load_and_run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++files;
    const bool expect_valid = name.rfind("valid_", 0) == 0;
    const bool expect_invalid = name.rfind("invalid_", 0) == 0;
    const bool ok = outcome != binvit::fuzz::LoadOutcome::WrongOutput &&
                    (!expect_valid || outcome == binvit::fuzz::LoadOutcome::Loaded) &&
                    (!expect_invalid || outcome == binvit::fuzz::LoadOutcome::Rejected);
    std::cout << (ok ? "ok   " : "FAIL ") << name << "\n";
    failures += ok ? 0 : 1;
  }
  std::cout << files << " files, " << failures << " failures\n";
  return failures == 0 && files > 0 ? 0 : 1;
}
