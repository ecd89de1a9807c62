#pragma once
// Private to core/models' .cpp files: includes torch.
#include <torch/torch.h>

namespace mlwb {

// A convolution of a one-channel image (a grey input layer), stride 1, for inference: oneDNN
// in libtorch 1.13 spends ten times the arithmetic's time on it (with one input channel its
// kernels have nothing to vectorise over but the outputs), a fifth to a third of a served
// cnn micro-batch. Computed directly: every output pixel's channels as one vector loop.
// x: N×1×H×W, fp32 or bf16; weight: C×1×K×K in x's type; bias: C values or undefined. The
// output, in x's type and channels-last, equals torch::conv2d(x, weight, bias, 1, padding)
// up to the order of the sums (in bf16: products summed in fp32, rounded once, as oneDNN).
torch::Tensor singleChannelConv(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias, int padding);

// Whether singleChannelConv takes this input and weight.
bool suitsSingleChannelConv(const torch::Tensor &x, const torch::Tensor &weight);

// relu(max_pool2d(singleChannelConv(x, weight, bias, padding), 2, 2)) in one pass, the
// convolution's map never stored: the same values. For AVX-512, no padding, whole
// 16-channel groups (suitsSingleChannelConvReluPool says; ...Takes asks it of the weight
// alone).
torch::Tensor singleChannelConvReluPool(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias, int padding);
bool suitsSingleChannelConvReluPool(const torch::Tensor &x, const torch::Tensor &weight, int padding);
bool singleChannelConvReluPoolTakes(const torch::Tensor &weight, int padding);

} // namespace mlwb
