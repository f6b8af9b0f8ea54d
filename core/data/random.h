#pragma once
// Seeded randomness with results that are the same with every standard library: std::shuffle and
// std::uniform_*_distribution are implementation-defined, std::mt19937_64's output is not.

#include <cstdint>
#include <random>
#include <vector>

namespace binvit::data {

using Rng = std::mt19937_64;

// A uniform double in [lo, hi).
double uniform(Rng& rng, double lo, double hi);
// A uniform integer in [0, n), n > 0.
uint64_t uniform_index(Rng& rng, uint64_t n);
// A standard normal value (Box-Muller).
double normal(Rng& rng);
// True with probability p.
bool chance(Rng& rng, double p);
// Fisher-Yates with uniform_index.
void shuffle_indices(std::vector<size_t>& indices, Rng& rng);
// Mixes several numbers into one seed (SplitMix64), so (seed, epoch, item) streams differ.
uint64_t mix_seed(uint64_t a, uint64_t b, uint64_t c = 0);

}  // namespace binvit::data
