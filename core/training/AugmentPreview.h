#pragma once
#include "data/Dataset.h"
#include "training/TrainSettings.h"

#include <cstdint>
#include <vector>

namespace mlwb {

// The images `indices` of `data` after one pass of the training augmentation, as uint8
// (indices.size() × C×H×W, the data set's geometry), for previews. The same seed gives the
// same images. Throws UsageError for an index outside the data set.
std::vector<std::uint8_t> augmentImages(const Dataset &data, const std::vector<qint64> &indices,
                                        const Augmentation &augmentation, quint64 seed);

} // namespace mlwb
