#include "core/nn/functional/token_shift.h"

namespace binvit::nn::functional {

torch::Tensor rolled_mean(const torch::Tensor& map, int64_t reach, int64_t dim) {
  TORCH_CHECK(map.dim() == 4 && (dim == 2 || dim == 3) && reach >= 0,
              "rolled_mean needs a (B, C, H, W) map, dim 2 or 3 and reach >= 0; got ", map.sizes(),
              ", dim ", dim, ", reach ", reach);
  torch::Tensor sum = map;
  for (int64_t offset = 1; offset <= reach; ++offset) {
    sum = sum + torch::roll(map, {offset}, {dim}) + torch::roll(map, {-offset}, {dim});
  }
  return sum / static_cast<double>(2 * reach + 1);
}

torch::Tensor channel_split_roll(const torch::Tensor& map, int64_t step) {
  TORCH_CHECK(map.dim() == 4 && map.size(1) % 4 == 0,
              "channel_split_roll needs a (B, C, H, W) map with C a multiple of 4, got ",
              map.sizes());
  const auto chunks = map.chunk(4, 1);
  return torch::cat({torch::roll(chunks[0], {step}, {2}), torch::roll(chunks[1], {-step}, {2}),
                     torch::roll(chunks[2], {step}, {3}), torch::roll(chunks[3], {-step}, {3})},
                    1);
}

}  // namespace binvit::nn::functional
