#pragma once
// Private to core/models' .cpp files: includes torch.
#include <torch/torch.h>

namespace mlwb {

// x·weightᵀ + bias for inference on a few rows (a served micro-batch): libtorch 1.13 hands a
// bf16 linear layer to oneDNN, which spends ~40 µs setting it up on every call, as long as a
// cnn's whole head takes to compute for 8 images; in fp32 OpenBLAS's small-matrix path is
// not much better for the 1,600×128 embedding projection. Computed directly instead: each
// output one dot product of 32 (bf16) or 16 (fp32) lanes at a time, four rows by four outputs
// per block, so that every input and weight load feeds four products.
// x: M×K, weight: N×K, both fp32 or both bf16, bias: N values of that type or undefined.
// The output is M×N fp32 (a bf16 layer's products are summed in fp32, as oneDNN does, but
// not rounded to bf16 at the end).
torch::Tensor smallBatchLinear(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias);

// Whether smallBatchLinear takes these on this CPU (AVX-512, and AVX-512 BF16 for bf16) and
// is the faster there: up to 64 rows in bf16, 8 in fp32.
bool suitsSmallBatchLinear(const torch::Tensor &x, const torch::Tensor &weight);

} // namespace mlwb
