#pragma once
#include "common/Cancel.h"

#include <QtGlobal>
#include <vector>

namespace mlwb {

// Maximum mean discrepancy with a Gaussian kernel k(a, b) = exp(−‖a − b‖² / (2σ²)): a
// distance between two distributions of embeddings that is 0 only when they are the same.
// The statistic is the unbiased estimate (Gretton et al. 2012)
//   MMD²ᵤ = Σᵢ≠ⱼ k(xᵢ, xⱼ)/(n(n−1)) + Σᵢ≠ⱼ k(yᵢ, yⱼ)/(m(m−1)) − 2 Σᵢⱼ k(xᵢ, yⱼ)/(nm),
// (it can be slightly negative), and its p-value comes from a permutation test: the pooled
// points are split at random into groups of the same sizes `permutations` times, and
// p = (1 + #{splits with MMD² ≥ the observed one}) / (1 + permutations), valid at any size.
struct MmdOptions {
    int permutations = 200;
    quint64 seed = 1;               // of the splits (and of the window's subsample): results repeat
    qsizetype windowSubsample = 1000; // a bigger window is tested on this many of its points
};

struct MmdResult {
    double mmd2 = 0;
    double pValue = 1;
    double bandwidth = 0;           // σ
    int permutations = 0;
    qsizetype windowPoints = 0, referencePoints = 0; // the points tested
    // For every window point given (subsampled or not), the witness function: its mean kernel
    // value to the window's tested points (itself left out) minus that to the reference's. Large
    // where the window has mass the reference lacks: the points that drift most.
    std::vector<double> witness;
};

// The reference side of the test, worked out once and kept for every window: the reference's
// subsample, the bandwidth and the kernel matrix among the reference points.
//
// Cost: a reference of 10,000 embeddings is cut to `subsample` (1,000) points drawn with
// `seed`: the test's power comes mostly from the smaller side, and the pooled kernel matrix
// grows with the square of both. The bandwidth is the median heuristic (σ = the median
// pairwise distance, over all pairs of the subsample) on the reference only — as
// alibi-detect's MMDDrift does by default — so that one kernel serves every window and the
// MMD² of consecutive windows can be compared on one plot.
class MmdReference {
public:
    // points: n × dimension floats, row-major. bandwidth > 0 is used as it is. Throws
    // UsageError for dimension < 1, fewer than 2 points, or non-finite values.
    MmdReference(const float *points, qsizetype n, int dimension, qsizetype subsample = 1000, double bandwidth = 0,
                 quint64 seed = 1);

    int dimension() const { return m_dimension; }
    qsizetype size() const { return m_size; } // the points kept
    double bandwidth() const { return m_bandwidth; }

    // The test of a window of n × dimension() floats against the reference. Throws UsageError
    // for fewer than 2 window points or permutations < 1; Cancelled when the flag is raised.
    MmdResult test(const float *window, qsizetype n, const MmdOptions &options = {},
                   const CancelFlag *cancel = nullptr) const;

private:
    int m_dimension = 0;
    qsizetype m_size = 0;
    double m_bandwidth = 0;
    std::vector<float> m_points; // m_size × m_dimension
    std::vector<float> m_kernel; // m_size × m_size, zero diagonal
};

} // namespace mlwb
