#pragma once
#include "common/Cancel.h"
#include "monitoring/AccuracyEstimate.h"
#include "monitoring/Mmd.h"
#include "monitoring/Observations.h"
#include "monitoring/TwoSampleTests.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace mlwb {

// The statistics of the Monitor page. Each one tests "the window of production samples comes
// from the reference's distribution" and gives one p-value:
//   embedding-mmd   MMD² of the penultimate-layer embeddings, permutation test (Mmd.h)
//   softmax-ks      per output class, KS of that class's probability; the smallest p-value,
//                   Bonferroni-corrected over the classes (black-box shift detection,
//                   Lipton et al. 2018 / Rabanser et al. 2019); the value is the largest D
//   brightness-ks, contrast-ks, ink-ks, sharpness-ks
//                   KS of an image property of the inputs (ImageProperties.h)
//   class-chi2      χ² test of the predicted-class counts against the reference's
//   confidence-ks   KS of the top probability
enum class DriftStatistic { EmbeddingMmd, SoftmaxKs, Brightness, Contrast, InkArea, Sharpness, PredictedClasses, Confidence };

const std::vector<DriftStatistic> &allDriftStatistics(); // in the order above
QString driftStatisticKey(DriftStatistic statistic);
std::optional<DriftStatistic> driftStatisticFromKey(const QString &key);

struct DriftOptions {
    // A window raises an alert for every statistic with p < alpha / (statistics tested): a
    // Bonferroni correction over the window's statistics, so that a window without drift
    // raises any alert at all with a chance of at most alpha.
    double alpha = 0.05;
    // Raised to ⌈tested / alpha⌉ when fewer, so that the permutation p-value can go below its
    // threshold at all (its smallest value is 1 / (1 + permutations)).
    int permutations = 200;
    qsizetype referenceSubsample = 1000; // reference embeddings kept for the MMD (MmdReference)
    qsizetype windowSubsample = 1000;    // window embeddings tested by the MMD at most
    qsizetype minimumSamples = 30;       // a smaller window is reported, not tested
    quint64 seed = 1;                    // of both subsamples and the permutations
    int histogramBins = 20;              // of the confidence histograms, over [0, 1]
};

// The reference side, worked out once and kept for every window compared with it: columns
// sorted for the KS tests, class counts, the MMD's subsample and kernel, the ATC threshold.
class ReferenceProfile {
public:
    // Throws UsageError for an empty reference or one without classes.
    explicit ReferenceProfile(const Observations &reference, const DriftOptions &options = {});

    qsizetype size() const { return m_size; }
    int numClasses() const { return m_numClasses; }
    int embeddingSize() const { return m_mmd ? m_mmd->dimension() : 0; }
    bool hasProperties() const { return !m_properties[0].empty(); }

    const std::vector<double> &sortedProbabilities(int classIndex) const { return m_probabilities[size_t(classIndex)]; }
    const std::vector<double> &sortedConfidences() const { return m_confidences; }
    const std::vector<double> &sortedProperty(ImageProperty p) const { return m_properties[size_t(p)]; }
    double propertyMean(ImageProperty p) const { return m_propertyMean[size_t(p)]; }
    double propertyStd(ImageProperty p) const { return m_propertyStd[size_t(p)]; }
    double confidenceMean() const { return m_confidenceMean; }
    double confidenceStd() const { return m_confidenceStd; }
    double probabilityMean(int classIndex) const { return m_probabilityMean[size_t(classIndex)]; }
    double probabilityStd(int classIndex) const { return m_probabilityStd[size_t(classIndex)]; }
    const std::vector<qint64> &classCounts() const { return m_classCounts; }
    const MmdReference *mmd() const { return m_mmd.get(); } // null without embeddings
    // With labels on the reference: their accuracy and the ATC threshold fitted to them.
    const std::optional<AtcThreshold> &atc() const { return m_atc; }
    std::vector<double> confidenceHistogram(int bins) const;

private:
    qsizetype m_size = 0;
    int m_numClasses = 0;
    std::vector<std::vector<double>> m_probabilities;
    std::vector<double> m_confidences;
    std::array<std::vector<double>, 4> m_properties;
    std::array<double, 4> m_propertyMean{}, m_propertyStd{};
    double m_confidenceMean = 0, m_confidenceStd = 0;
    std::vector<double> m_probabilityMean, m_probabilityStd;
    std::vector<qint64> m_classCounts;
    std::shared_ptr<const MmdReference> m_mmd;
    std::optional<AtcThreshold> m_atc;
};

struct StatisticResult {
    DriftStatistic statistic = DriftStatistic::EmbeddingMmd;
    bool tested = false;  // false: not computed (no embeddings or images, too few samples)
    double value = 0;     // MMD², KS D or χ²
    double pValue = 1;
    double threshold = 0; // alert when pValue < threshold
    bool alert = false;
};

// One window compared with a reference.
struct WindowReport {
    qint64 samples = 0;
    qint64 firstSampleId = 0, lastSampleId = 0; // the smallest and largest id in the window
    QDateTime from, to; // the first sample's time and the last one's + 1 ms: from <= created < to
    bool tested = false; // false: fewer than minimumSamples (or no reference-compatible data)
    double alpha = 0.05;
    double threshold = 0; // alpha / statistics tested
    std::vector<StatisticResult> statistics; // one per allDriftStatistics(), in that order

    // Details behind the statistics, for the page's plots.
    MmdResult mmd;                              // when embedding-mmd was tested
    std::vector<KsResult> softmax;              // per class
    std::vector<qint64> classCounts;            // of the window's predictions
    std::vector<double> referenceClassShares;
    double jensenShannon = 0;                   // between those two distributions
    std::vector<double> confidenceHistogram, referenceConfidenceHistogram; // shares per bin
    // Means of the window and of the reference, and the reference's standard deviations, of:
    // the four image properties (allImageProperties() order), the confidence, and the
    // probability of softmaxClass (the class whose KS D was largest).
    enum Value { Brightness, Contrast, InkArea, Sharpness, ConfidenceValue, SoftmaxValue, ValueCount };
    std::array<double, ValueCount> windowMean{}, referenceMean{}, referenceStd{};
    int softmaxClass = 0;

    // Accuracy: estimated without labels (ATC; nullopt when the reference has no labels),
    // the reference's own, and the real one over the labeled samples of the window.
    std::optional<double> estimatedAccuracy, referenceAccuracy;
    LabeledAccuracy labeled;

    // What each window sample was, in the window's order, for the drift scores below.
    std::vector<qint64> sampleIds;
    std::vector<std::array<double, ValueCount>> sampleValues; // as in windowMean (properties 0 without images)
    std::vector<int> samplePredicted;

    bool hasAlert() const;
    const StatisticResult &result(DriftStatistic statistic) const;
    // The tested statistic furthest past its threshold (smallest p / threshold); nullopt when
    // nothing was tested.
    std::optional<DriftStatistic> strongestDrift() const;
    // How much each window sample drifts as `statistic` sees it, in the window's order:
    //   embedding-mmd   the MMD's witness (its kernel mass near the window minus near the reference)
    //   an image property   |z|, its distance from the reference's mean in reference standard deviations
    //   confidence-ks   z of the confidence, signed so that the way the window moved is positive
    //   softmax-ks      the same for the probability of softmaxClass
    //   class-chi2      how over-represented its predicted class is: window share / reference share
    // Empty when the statistic was not tested.
    std::vector<double> driftScores(DriftStatistic statistic) const;
    // The window's sample ids, most drifting first by `statistic` (default: strongestDrift()),
    // ties newest first. What the Label page's queue shows when an alert or a point is clicked.
    std::vector<qint64> idsByDrift(std::optional<DriftStatistic> statistic = std::nullopt) const;
    // {"window": {"samples", "firstSample", "lastSample", "from", "to"}, "tested", "alpha",
    //  "threshold", "alert", "statistics": [{"statistic", "tested", "value", "pValue",
    //  "threshold", "alert"}], "mmd": {...}, "softmax": [{"class", "d", "pValue", "exact"}],
    //  "classes": {"names", "window", "reference", "jensenShannon"}, "confidence": {"window",
    //  "reference"}, "properties": {key: {"window", "reference"}}, "accuracy": {"estimated",
    //  "reference", "labeled", "correct", "real"}, "strongestDrift": key or null}
    QJsonObject toJson(const QStringList &classNames = {}) const;
};

// Compares a window with the reference. Statistics the window cannot give (no embeddings,
// another embedding size, no images) are left untested and out of the Bonferroni count.
// Throws UsageError when the window's class count differs from the reference's; Cancelled.
WindowReport compareWindow(const ReferenceProfile &reference, const Observations &window, const DriftOptions &options = {},
                           const CancelFlag *cancel = nullptr);

} // namespace mlwb
