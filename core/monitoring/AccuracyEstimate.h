#pragma once
#include <QtGlobal>

#include <optional>
#include <vector>

namespace mlwb {

// Accuracy without labels: average thresholded confidence (ATC, Garg et al., "Leveraging
// unlabeled data to predict out-of-distribution performance", ICLR 2022). On the reference,
// whose labels are known, pick the threshold t so that the share of samples with confidence
// above t equals the reference accuracy; the estimated accuracy of unlabeled samples is then
// their share above t. It holds as long as the model is as (mis)calibrated on the new
// samples as on the reference, which a shift that keeps the model confidently wrong breaks.
//
// Confidences tie (a float softmax often gives exactly 1.0 to thousands of images), so the
// threshold counts a fraction `tieShare` of the samples exactly at t: the reference then hits
// its accuracy exactly, and a window with the same confidences gets the same estimate.
struct AtcThreshold {
    double threshold = 0;
    double tieShare = 0;         // of the samples whose confidence equals threshold, in [0, 1]
    double referenceAccuracy = 0;
    qsizetype referenceSamples = 0;
};

// Throws UsageError when the vectors are empty or differ in length.
AtcThreshold fitAtcThreshold(const std::vector<double> &confidence, const std::vector<bool> &correct);

// The share of `confidence` above the threshold (with tieShare of those at it); nullopt for none.
std::optional<double> atcEstimate(const AtcThreshold &atc, const std::vector<double> &confidence);

// The accuracy over the labeled samples of a window, as labels arrive.
struct LabeledAccuracy {
    qint64 labeled = 0;
    qint64 correct = 0;
    std::optional<double> accuracy() const
    {
        return labeled > 0 ? std::optional<double>(double(correct) / double(labeled)) : std::nullopt;
    }
};

// truth[i] < 0: no label (or discarded). Throws UsageError when the vectors differ in length.
LabeledAccuracy labeledAccuracy(const std::vector<int> &truth, const std::vector<int> &predicted);

} // namespace mlwb
