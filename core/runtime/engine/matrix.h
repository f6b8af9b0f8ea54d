#pragma once
// A row-major float matrix: the engine's activations (one row per token or per image).

#include <cstddef>
#include <vector>

namespace binvit::runtime::engine {

struct Matrix {
  std::vector<float> data;
  std::size_t rows = 0, cols = 0;

  void resize(std::size_t r, std::size_t c) {
    rows = r;
    cols = c;
    data.resize(r * c);
  }
  float* row(std::size_t i) { return data.data() + i * cols; }
  const float* row(std::size_t i) const { return data.data() + i * cols; }
};

}  // namespace binvit::runtime::engine
