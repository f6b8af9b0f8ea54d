#pragma once
// The fuzzed entry point, shared by the libFuzzer target and the corpus replay test.

#include <cstddef>
#include <cstdint>

namespace binvit::fuzz {

enum class LoadOutcome { Loaded, Rejected, WrongOutput };

// Parses `data` as a .bvit, builds the engine, runs toy-sized models once. Exceptions other than
// BvitError propagate (they are bugs).
LoadOutcome load_and_run(const std::uint8_t* data, std::size_t size);

}  // namespace binvit::fuzz
