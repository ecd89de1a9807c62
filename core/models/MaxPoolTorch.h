#pragma once
// Private to core/models' .cpp files: includes torch.
#include <torch/torch.h>

namespace mlwb {

// 2×2 max-pooling with stride 2, optionally followed by relu, for the channels-last maps that
// training uses: libtorch 1.13's max_pool2d takes most of a small network's step there (its
// forward and backward about as long as the convolutions', bf16 slowest), this one a fraction.
// Same values and gradients as torch::relu(torch::max_pool2d(x, 2, 2)): the first maximum of a
// window in scan order wins (NaN wins), an odd last row or column is dropped. Other inputs
// (not channels-last, not fp32 or bf16) go to libtorch's operators.
torch::Tensor maxPool2x2(const torch::Tensor &x, bool relu);

} // namespace mlwb
