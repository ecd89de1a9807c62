#pragma once
// Private to core/training's .cpp files: includes torch.
#include "data/Dataset.h"

#include <torch/torch.h>

#include <vector>

namespace mlwb {

// Turns indices into tensors, touching only the images of the batch: the data set stays
// uint8 and is shared, not copied.
class BatchMaker {
public:
    explicit BatchMaker(const Dataset &data) : m_data(data) {}

    // images: count×C×H×W floats in [0, 1]; labels: count int64.
    std::pair<torch::Tensor, torch::Tensor> make(const qint64 *indices, qsizetype count);

private:
    const Dataset &m_data;
    std::vector<std::uint8_t> m_pixels;
    std::vector<int64_t> m_labels;
};

// Per-channel mean and standard deviation, in [0, 1] units, of the images at `indices`.
// Integer sums, so the result does not depend on order or threads. A flat channel gets
// std 1 (nothing to scale).
void channelStatistics(const Dataset &data, const std::vector<qint64> &indices, std::vector<float> &mean, std::vector<float> &std);

} // namespace mlwb
