#include "training/AugmentPreview.h"

#include "common/Error.h"
#include "training/AugmentTorch.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cstring>

namespace mlwb {

std::vector<std::uint8_t> augmentImages(const Dataset &data, const std::vector<qint64> &indices,
                                        const Augmentation &augmentation, quint64 seed)
{
    const qsizetype bytes = data.imageBytes();
    std::vector<std::uint8_t> gathered(indices.size() * size_t(bytes));
    for (size_t i = 0; i < indices.size(); ++i) {
        if (indices[i] < 0 || indices[i] >= data.size())
            throw UsageError(QStringLiteral("image %1 is outside the data set (%2 images)").arg(indices[i]).arg(data.size()));
        std::memcpy(gathered.data() + i * size_t(bytes), data.image(indices[i]), size_t(bytes));
    }
    if (indices.empty() || !augmentation.any())
        return gathered;

    const auto n = int64_t(indices.size());
    const torch::Tensor images = torch::from_blob(gathered.data(), {n, data.channels, data.height, data.width}, torch::kUInt8)
                                     .to(torch::kFloat32)
                                     .div(255.0);
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const torch::Tensor augmented =
        augmentBatch(images, augmentation, generator).mul(255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    std::vector<std::uint8_t> out(gathered.size());
    std::memcpy(out.data(), augmented.data_ptr<std::uint8_t>(), out.size());
    return out;
}

} // namespace mlwb
