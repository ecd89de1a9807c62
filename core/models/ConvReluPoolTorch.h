#pragma once
// Private to core/models' .cpp files: includes torch.
#include <torch/torch.h>

namespace mlwb {

// A convolution (stride 1) followed by relu and 2×2 max-pooling with stride 2, in bf16 for
// inference: the layers a served cnn spends most of its time in. Through libtorch 1.13 the
// convolution alone costs a dispatch, oneDNN's reorders and temporaries besides its
// arithmetic, and the pooling reads the whole map again. Here each output pixel's sums stay
// in registers (AVX-512 BF16: pairs of bf16 products summed in fp32), only the outputs the
// pooling keeps are computed (an odd last row or column is dropped, as max_pool2d does), and
// the pooled maximum is rounded to bf16 once.
// x: N×Cin×H×W bf16 (any layout); weight: Cout×Cin×K×K bf16, Cin even, Cout a multiple of
// 16; bias: Cout bf16 values or undefined. The output, bf16 and channels-last, equals
// relu(max_pool2d(conv2d(x, weight, bias, 1, padding), 2, 2)) up to the order of the sums.
torch::Tensor convReluPool(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias, int padding,
                           const torch::Tensor &packedWeight = {});

// Whether convReluPool takes this input and weight on this CPU (it needs AVX-512 BF16);
// convReluPoolTakes asks it of the weight alone (any bf16 input with its channels suits).
bool suitsConvReluPool(const torch::Tensor &x, const torch::Tensor &weight);
bool convReluPoolTakes(const torch::Tensor &weight);

// The weight as convReluPool reads it (taps × Cin/2 × Cout × 2 bf16), to pack once for a
// network whose weights do not change; convReluPool packs it on every call without it.
torch::Tensor packConvWeight(const torch::Tensor &weight);

} // namespace mlwb
