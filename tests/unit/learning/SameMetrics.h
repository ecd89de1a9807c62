#pragma once
// Shared by the training tests: whether two runs learned exactly alike.
#include "training/Trainer.h"

#include <vector>

namespace mlwb::testing {

// Losses and accuracies of two runs, epoch by epoch, exactly (timings aside).
inline bool sameMetrics(const std::vector<EpochMetrics> &a, const std::vector<EpochMetrics> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].epoch != b[i].epoch || a[i].trainLoss != b[i].trainLoss || a[i].trainAccuracy != b[i].trainAccuracy
            || a[i].validationLoss != b[i].validationLoss || a[i].validationAccuracy != b[i].validationAccuracy)
            return false;
    return true;
}

} // namespace mlwb::testing
