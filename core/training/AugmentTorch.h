#pragma once
// Private to core/training's .cpp files: includes torch.
#include "training/TrainSettings.h"

#include <torch/torch.h>

namespace mlwb {

// Augments a batch N×C×H×W of [0, 1] floats in one go: per image a random rotation within
// ±rotationDegrees and, with cropProbability, a random crop (side ≥ cropScale) resized back
// (one affine_grid + grid_sample), then Gaussian noise; clamped to [0, 1]. Every draw comes
// from `generator`, so a seeded generator replays the same images.
torch::Tensor augmentBatch(const torch::Tensor &images, const Augmentation &augmentation, at::Generator &generator);

} // namespace mlwb
