#include "monitoring/AccuracyEstimate.h"

#include "common/Error.h"

#include <algorithm>
#include <functional>

namespace mlwb {

AtcThreshold fitAtcThreshold(const std::vector<double> &confidence, const std::vector<bool> &correct)
{
    if (confidence.empty() || confidence.size() != correct.size())
        throw UsageError(QStringLiteral("ATC needs one correctness per confidence: %1 confidences, %2 answers")
                             .arg(confidence.size()).arg(correct.size()));
    AtcThreshold atc;
    atc.referenceSamples = qsizetype(confidence.size());
    atc.referenceAccuracy = double(std::count(correct.begin(), correct.end(), true)) / double(confidence.size());
    std::vector<double> sorted = confidence;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    // target samples "above" t: the value at that place in descending order is t; those
    // strictly above count whole, those equal to it by the fraction that makes up the rest.
    const double target = atc.referenceAccuracy * double(sorted.size());
    const size_t place = std::min(sorted.size() - 1, size_t(target));
    atc.threshold = sorted[place];
    const auto range = std::equal_range(sorted.begin(), sorted.end(), atc.threshold, std::greater<>());
    const double above = double(range.first - sorted.begin()), equal = double(range.second - range.first);
    atc.tieShare = std::clamp((target - above) / equal, 0.0, 1.0);
    return atc;
}

std::optional<double> atcEstimate(const AtcThreshold &atc, const std::vector<double> &confidence)
{
    if (confidence.empty())
        return std::nullopt;
    double counted = 0;
    for (double c : confidence)
        counted += c > atc.threshold ? 1.0 : c == atc.threshold ? atc.tieShare : 0.0;
    return counted / double(confidence.size());
}

LabeledAccuracy labeledAccuracy(const std::vector<int> &truth, const std::vector<int> &predicted)
{
    if (truth.size() != predicted.size())
        throw UsageError(QStringLiteral("accuracy: %1 labels against %2 predictions").arg(truth.size()).arg(predicted.size()));
    LabeledAccuracy r;
    for (size_t i = 0; i < truth.size(); ++i) {
        if (truth[i] < 0)
            continue;
        ++r.labeled;
        r.correct += truth[i] == predicted[i];
    }
    return r;
}

} // namespace mlwb
