#pragma once
#include "data/Dataset.h"

#include <QJsonObject>
#include <vector>

namespace mlwb {

// Indices into a Dataset. Validation is drawn from the Train subset; Test is the source's
// test subset. The same data, fraction and seed always give the same indices, on every
// platform (our own shuffle, not std::shuffle, whose algorithm is unspecified).
struct Splits {
    std::vector<qint64> train;
    std::vector<qint64> validation;
    std::vector<qint64> test;

    QJsonObject summary() const; // {"train": n, "validation": n, "test": n}
};

Splits makeSplits(const Dataset &data, double validationFraction, quint64 seed);

// The seed of epoch `epoch`'s shuffle of the training indices (and of its augmentation and
// dropout draws): a run resumed at any epoch replays exactly what it would have done.
constexpr quint64 epochSeed(quint64 seed, int epoch)
{
    return seed ^ (0x9E3779B97F4A7C15ULL * quint64(epoch + 1));
}

// Deterministic Fisher–Yates over std::mt19937_64 (whose output the standard fixes).
void seededShuffle(std::vector<qint64> &indices, quint64 seed);

} // namespace mlwb
