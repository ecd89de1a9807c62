#include "data/Splits.h"

#include "common/Error.h"

#include <cmath>
#include <random>

namespace mlwb {

QJsonObject Splits::summary() const
{
    return {{QStringLiteral("train"), qint64(train.size())},
            {QStringLiteral("validation"), qint64(validation.size())},
            {QStringLiteral("test"), qint64(test.size())}};
}

void seededShuffle(std::vector<qint64> &indices, quint64 seed)
{
    std::mt19937_64 rng(seed);
    for (size_t i = indices.size(); i > 1; --i) {
        // Unbiased draw in [0, i): reject the top remainder of the 64-bit range.
        const quint64 bound = i;
        const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % bound;
        quint64 r;
        do {
            r = rng();
        } while (r >= limit);
        std::swap(indices[i - 1], indices[size_t(r % bound)]);
    }
}

Splits makeSplits(const Dataset &data, double validationFraction, quint64 seed)
{
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        throw UsageError(QStringLiteral("validation fraction must be in [0, 1), got %1").arg(validationFraction));
    Splits splits;
    std::vector<qint64> trainPool;
    for (qsizetype i = 0; i < data.size(); ++i)
        (data.subset(i) == Subset::Test ? splits.test : trainPool).push_back(i);
    seededShuffle(trainPool, seed);
    const size_t nVal = size_t(std::llround(double(trainPool.size()) * validationFraction));
    splits.validation.assign(trainPool.begin(), trainPool.begin() + qint64(nVal));
    splits.train.assign(trainPool.begin() + qint64(nVal), trainPool.end());
    // Sorted, so that reading them walks memory forwards; the trainer shuffles per epoch.
    std::sort(splits.validation.begin(), splits.validation.end());
    std::sort(splits.train.begin(), splits.train.end());
    return splits;
}

} // namespace mlwb
