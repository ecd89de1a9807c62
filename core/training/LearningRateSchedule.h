#pragma once
#include "training/TrainSettings.h"

namespace mlwb {

// The learning rate of global step `step` (0-based) out of `totalSteps`.
//   constant: settings.learningRate throughout.
//   onecycle: cosine warm-up over the first 30% of steps from lr/25 to lr, then cosine
//             annealing down to lr/1e4 at the last step.
double scheduledLearningRate(const TrainSettings &settings, qint64 step, qint64 totalSteps);

} // namespace mlwb
