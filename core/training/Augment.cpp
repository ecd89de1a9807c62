#include "training/AugmentTorch.h"

#include <numbers>

namespace mlwb {

torch::Tensor augmentBatch(const torch::Tensor &images, const Augmentation &augmentation, at::Generator &generator)
{
    if (!augmentation.any())
        return images;
    namespace F = torch::nn::functional;
    const int64_t n = images.size(0);
    const auto options = images.options();
    torch::Tensor out = images;
    if (augmentation.rotationDegrees > 0 || augmentation.cropProbability > 0) {
        const double maxAngle = augmentation.rotationDegrees * std::numbers::pi / 180.0;
        const torch::Tensor angle = (torch::rand({n}, generator, options) * 2 - 1) * maxAngle;
        torch::Tensor scale = torch::ones({n}, options);
        torch::Tensor tx = torch::zeros({n}, options), ty = torch::zeros({n}, options);
        if (augmentation.cropProbability > 0) {
            const torch::Tensor cropped = torch::rand({n}, generator, options) < augmentation.cropProbability;
            const torch::Tensor side = augmentation.cropScale + (1 - augmentation.cropScale) * torch::rand({n}, generator, options);
            scale = torch::where(cropped, side, scale);
            // The crop window (half-width `scale` in normalised coordinates) stays inside.
            tx = (torch::rand({n}, generator, options) * 2 - 1) * (1 - scale);
            ty = (torch::rand({n}, generator, options) * 2 - 1) * (1 - scale);
        }
        // theta maps output coordinates to input coordinates: rotate, scale, shift.
        const torch::Tensor c = torch::cos(angle) * scale, s = torch::sin(angle) * scale;
        const torch::Tensor theta = torch::stack({c, -s, tx, s, c, ty}, 1).view({n, 2, 3});
        const torch::Tensor grid = F::affine_grid(theta, images.sizes(), /*align_corners=*/false);
        out = F::grid_sample(images, grid, F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
    }
    if (augmentation.noiseSigma > 0)
        out = out + torch::randn(images.sizes(), generator, options) * augmentation.noiseSigma;
    return out.clamp(0.0, 1.0);
}

} // namespace mlwb
