#include "monitoring/Observations.h"

#include "common/Error.h"
#include "data/Dataset.h"
#include "evaluation/Evaluator.h"
#include "evaluation/Probabilities.h"
#include "production/ProductionSample.h"

#include <algorithm>

namespace mlwb {

double Observations::confidence(qsizetype i) const
{
    const float *row = probabilities.data() + i * numClasses;
    return double(*std::max_element(row, row + numClasses));
}

std::vector<double> Observations::confidences() const
{
    std::vector<double> c(static_cast<size_t>(size()));
    for (qsizetype i = 0; i < size(); ++i)
        c[size_t(i)] = confidence(i);
    return c;
}

Observations observationsOf(const EvaluationResult &evaluation, const Dataset *images)
{
    Observations o;
    o.numClasses = evaluation.numClasses();
    o.probabilities = evaluation.probabilities;
    o.predicted = evaluation.predicted;
    o.truth = evaluation.truth;
    o.ids.assign(evaluation.indices.begin(), evaluation.indices.end());
    if (evaluation.embeddingSize > 0 && evaluation.embeddings.size() == evaluation.indices.size() * size_t(evaluation.embeddingSize)) {
        o.embeddingSize = evaluation.embeddingSize;
        o.embeddings = evaluation.embeddings;
    }
    if (images) {
        o.properties.reserve(evaluation.indices.size());
        for (qint64 index : evaluation.indices) {
            if (index < 0 || index >= images->size())
                throw UsageError(QStringLiteral("evaluated image %1 is not in the data set (%2 images)").arg(index).arg(images->size()));
            o.properties.push_back(imageProperties(images->image(index), images->channels, images->height, images->width));
        }
    }
    return o;
}

Observations observationsOf(const QList<ProductionSample> &samples)
{
    Observations o;
    if (samples.isEmpty())
        return o;
    o.numClasses = int(samples.first().probabilities.size());
    if (o.numClasses < 1)
        throw UsageError(QStringLiteral("production sample %1 has no class probabilities").arg(samples.first().id));
    const size_t d = samples.first().embedding.size();
    bool embeddings = d > 0, images = true;
    for (const ProductionSample &s : samples) {
        if (int(s.probabilities.size()) != o.numClasses)
            throw UsageError(QStringLiteral("production sample %1 has %2 class probabilities, sample %3 has %4: "
                                            "monitor one model at a time")
                                 .arg(s.id).arg(s.probabilities.size()).arg(samples.first().id).arg(o.numClasses));
        embeddings = embeddings && s.embedding.size() == d;
        images = images && s.channels > 0 && s.height > 0 && s.width > 0
                 && s.input.size() == size_t(s.channels) * size_t(s.height) * size_t(s.width);
    }
    const size_t n = size_t(samples.size());
    o.probabilities.reserve(n * size_t(o.numClasses));
    o.predicted.reserve(n);
    o.truth.reserve(n);
    o.ids.reserve(n);
    o.times.reserve(n);
    if (embeddings) {
        o.embeddingSize = int(d);
        o.embeddings.reserve(n * d);
    }
    if (images)
        o.properties.reserve(n);
    for (const ProductionSample &s : samples) {
        o.probabilities.insert(o.probabilities.end(), s.probabilities.begin(), s.probabilities.end());
        // The stored answer, or (for a sample without one) the arg max the model would give.
        o.predicted.push_back(s.predicted >= 0 && s.predicted < o.numClasses ? s.predicted
                                                                             : argmax(s.probabilities.data(), o.numClasses));
        o.truth.push_back(s.label && !s.discarded ? *s.label : -1);
        o.ids.push_back(s.id);
        o.times.push_back(s.created);
        if (embeddings)
            o.embeddings.insert(o.embeddings.end(), s.embedding.begin(), s.embedding.end());
        if (images)
            o.properties.push_back(imageProperties(s.input.data(), s.channels, s.height, s.width));
    }
    return o;
}

} // namespace mlwb
