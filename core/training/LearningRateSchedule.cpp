#include "training/LearningRateSchedule.h"

#include <cmath>
#include <numbers>

namespace mlwb {

double scheduledLearningRate(const TrainSettings &settings, qint64 step, qint64 totalSteps)
{
    const double peak = settings.learningRate;
    if (settings.schedule != QLatin1String("onecycle") || totalSteps < 2)
        return peak;
    const double start = peak / 25.0, end = peak / 1e4;
    const qint64 warmup = std::max<qint64>(1, qint64(0.3 * double(totalSteps)));
    // Cosine interpolation from a to b as t goes 0 → 1.
    auto cosine = [](double a, double b, double t) { return b + (a - b) * (1.0 + std::cos(std::numbers::pi * t)) / 2.0; };
    if (step < warmup)
        return cosine(start, peak, double(step) / double(warmup));
    const qint64 decay = std::max<qint64>(1, totalSteps - 1 - warmup);
    return cosine(peak, end, std::min(1.0, double(step - warmup) / double(decay)));
}

} // namespace mlwb
