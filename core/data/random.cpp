#include "core/data/random.h"

#include <cmath>

namespace binvit::data {
namespace {

uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

double uniform(Rng& rng, double lo, double hi) {
  // 53 random bits give every double in [0, 1) the same spacing.
  const double unit = static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
  return lo + (hi - lo) * unit;
}

uint64_t uniform_index(Rng& rng, uint64_t n) {
  // Rejection removes the modulo bias.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t x = rng();
  while (x >= limit) x = rng();
  return x % n;
}

double normal(Rng& rng) {
  const double u1 = 1.0 - uniform(rng, 0.0, 1.0);  // (0, 1]: log stays finite
  const double u2 = uniform(rng, 0.0, 1.0);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

bool chance(Rng& rng, double p) { return uniform(rng, 0.0, 1.0) < p; }

void shuffle_indices(std::vector<size_t>& indices, Rng& rng) {
  for (size_t i = indices.size(); i > 1; --i) {
    std::swap(indices[i - 1], indices[uniform_index(rng, i)]);
  }
}

uint64_t mix_seed(uint64_t a, uint64_t b, uint64_t c) {
  return splitmix(splitmix(splitmix(a) ^ b) ^ c);
}

}  // namespace binvit::data
