#pragma once
#include "common/Cancel.h"
#include "production/SampleStore.h"

#include <QList>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace mlwb {

class Workspace;

// The orders in which the Label page offers unlabeled samples.
enum class QueueOrder {
    Margin,          // smallest gap between the two most probable classes first
    Entropy,         // highest entropy of the probabilities first
    LeastConfidence, // lowest top probability first
    Newest,          // by time, newest first
    Oldest,          // by time, oldest first
    Disagreement,    // where a candidate model's answer differs most from production's first
};
QString queueOrderName(QueueOrder order); // "margin", "entropy", "confidence", "newest", "oldest", "disagreement"
std::optional<QueueOrder> queueOrderFromString(const QString &text);

// How uncertain the model was, for the three uncertainty orders: larger = more uncertain
// (1 − margin, entropy in nats, 1 − top probability). Not for the time or disagreement orders.
double uncertaintyScore(QueueOrder order, const std::vector<float> &probabilities);
// Total variation distance between two probability vectors (½ Σ|p − q|, in [0, 1]).
double disagreementScore(const std::vector<float> &a, const std::vector<float> &b);

// What near-duplicate detection compares: the input averaged down to 14×14 cells (all channels
// together), minus its mean, scaled to unit length (all zeros for a blank image). The
// similarity of two is their dot product, the correlation of the thumbnails, in [−1, 1]:
// measured on MNIST, a copy with noise σ = 0.05 stays above 0.993, while among 3,000 distinct
// test digits only 0.1% have a neighbour above 0.99.
std::vector<float> duplicateFeature(const std::uint8_t *input, int channels, int height, int width);
double featureSimilarity(const std::vector<float> &a, const std::vector<float> &b);

struct LabelQueueOptions {
    QueueOrder order = QueueOrder::Margin;
    // Source, predicted class and time span; the label state is always "unlabeled" and
    // limit/offset are ignored (see scanLimit).
    SampleFilter filter;
    // A sample with the same image as one already in the queue, or whose duplicateFeature has
    // a similarity of at least duplicateSimilarity with one of the same predicted class there,
    // is left out (it stays unlabeled and comes back once its twin is labeled).
    bool skipNearDuplicates = true;
    double duplicateSimilarity = 0.99;
    // The candidate of the Disagreement order (required there): a model version whose classes
    // and input geometry are production's.
    qint64 candidateModelId = 0;
    qint64 scanLimit = 50000; // the newest unlabeled samples looked at
    qint64 length = 5000;     // at most this many samples in the queue
    int threads = 0;          // the candidate model's threads; 0: all cores
};

struct LabelQueue {
    QList<ProductionSample> samples; // in queue order
    std::vector<double> scores;      // one per sample: the order's score (time orders: 0)
    std::vector<int> candidatePredicted; // Disagreement only: the candidate's class per sample
    qint64 unlabeled = 0;            // unlabeled samples that pass the filter (beyond scanLimit too)
    qint64 duplicatesHidden = 0;     // left out as near duplicates
};

// Reads the unlabeled samples and orders them. Off the UI thread: it reads the database and,
// for Disagreement, runs the candidate model. Ties keep the newest first. Throws UsageError for
// the Disagreement order without a usable candidate; Cancelled when the flag is raised.
LabelQueue buildLabelQueue(const Workspace &workspace, const LabelQueueOptions &options,
                           const CancelFlag *cancel = nullptr);

} // namespace mlwb
