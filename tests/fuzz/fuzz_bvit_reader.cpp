// libFuzzer target for the .bvit reader and graph parser: any input must either load or be
// rejected with a BvitError; any other exception, crash or sanitizer report is a finding.
// Small valid models are also run once on a zero image, so the engine's use of the values it
// was given (sizes, scales, scopes) is fuzzed too.
//
// Built with clang when BINVIT_BUILD_FUZZERS=ON (tests/fuzz/run_fuzzer.sh); without it the same
// entry point is linked into fuzz_bvit_reader_replay, a ctest that replays the corpus and checks
// that valid_* files load and run and invalid_* files are rejected.
#include "tests/fuzz/fuzz_bvit_reader.h"

#include "core/runtime/engine/engine.h"
#include "core/runtime/format/bvit_file.h"

#include <vector>

namespace binvit::fuzz {

LoadOutcome load_and_run(const std::uint8_t* data, std::size_t size) {
  using runtime::engine::Engine;
  try {
    Engine engine(runtime::format::BvitFile::parse(data, size, "fuzz input"));
    const auto& g = engine.graph();
    // Keep a fuzzer iteration cheap: run only models of toy size.
    if (g.tokens <= 64 && g.embed_dim <= 64 && engine.image_floats() <= 4096) {
      const std::vector<float> images(engine.image_floats() * 2, 0.0f);
      const std::vector<float> logits = engine.run(images.data(), 2);
      if (logits.size() != 2 * engine.classes()) return LoadOutcome::WrongOutput;
    }
    return LoadOutcome::Loaded;
  } catch (const runtime::format::BvitError&) {
    return LoadOutcome::Rejected;
  }
}

}  // namespace binvit::fuzz

#ifdef BINVIT_LIBFUZZER
#include "core/runtime/format/checksum.h"

#include <cstring>

// Each input is tried as it is, and again with its checksum recomputed: a mutation almost never
// keeps the checksum right, so without the second try the fuzzer would only ever reach the
// checksum test and never the JSON, tensor table, graph or engine behind it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using binvit::fuzz::LoadOutcome;
  if (binvit::fuzz::load_and_run(data, size) == LoadOutcome::WrongOutput) __builtin_trap();
  if (size < 32) return 0;
  std::uint64_t header = 0, body = 0;
  for (int i = 7; i >= 0; --i) {
    header = (header << 8) | data[8 + i];
    body = (body << 8) | data[16 + i];
  }
  if (header > size - 32 || body != size - 32 - header) return 0;
  std::vector<std::uint8_t> fixed(data, data + size);
  const std::uint64_t sum = binvit::runtime::format::fnv1a64(
      fixed.data() + 32 + header, body, binvit::runtime::format::fnv1a64(fixed.data() + 32, header));
  for (int i = 0; i < 8; ++i) fixed[24 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(sum >> (8 * i));
  if (binvit::fuzz::load_and_run(fixed.data(), size) == LoadOutcome::WrongOutput) __builtin_trap();
  return 0;
}
#endif
