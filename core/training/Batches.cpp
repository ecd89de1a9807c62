#include "training/BatchesTorch.h"

#include <cmath>
#include <cstring>

namespace mlwb {

std::pair<torch::Tensor, torch::Tensor> BatchMaker::make(const qint64 *indices, qsizetype count)
{
    const qsizetype bytes = m_data.imageBytes();
    m_pixels.resize(size_t(count * bytes));
    m_labels.resize(size_t(count));
    for (qsizetype i = 0; i < count; ++i) {
        std::memcpy(m_pixels.data() + i * bytes, m_data.image(indices[i]), size_t(bytes));
        m_labels[size_t(i)] = m_data.labels[size_t(indices[i])];
    }
    const torch::Tensor images = torch::from_blob(m_pixels.data(), {count, m_data.channels, m_data.height, m_data.width}, torch::kUInt8)
                                     .to(torch::kFloat32)
                                     .div_(255.0f);
    const torch::Tensor labels = torch::from_blob(m_labels.data(), {count}, torch::kInt64).clone();
    return {images, labels};
}

void channelStatistics(const Dataset &data, const std::vector<qint64> &indices, std::vector<float> &mean, std::vector<float> &std)
{
    const int channels = data.channels;
    const qsizetype plane = qsizetype(data.height) * data.width;
    std::vector<quint64> sum(size_t(channels), 0), sumSquares(size_t(channels), 0);
    for (qint64 index : indices) {
        const std::uint8_t *image = data.image(index);
        for (int c = 0; c < channels; ++c) {
            quint64 s = 0, s2 = 0;
            for (qsizetype p = 0; p < plane; ++p) {
                const quint64 v = image[c * plane + p];
                s += v;
                s2 += v * v;
            }
            sum[size_t(c)] += s;
            sumSquares[size_t(c)] += s2;
        }
    }
    mean.assign(size_t(channels), 0.0f);
    std.assign(size_t(channels), 1.0f);
    const double count = double(indices.size()) * double(plane);
    if (count == 0)
        return;
    for (size_t c = 0; c < size_t(channels); ++c) {
        const double m = double(sum[c]) / count;
        const double variance = std::max(0.0, double(sumSquares[c]) / count - m * m);
        mean[c] = float(m / 255.0);
        const double s = std::sqrt(variance) / 255.0;
        std[c] = s > 1e-6 ? float(s) : 1.0f;
    }
}

} // namespace mlwb
