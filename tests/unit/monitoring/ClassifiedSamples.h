#pragma once
// Shared by the monitoring tests: production samples made from held-back images, with noise if
// asked, answered by a real classifier as a production model would have answered them.
#include "evaluation/Classifier.h"
#include "evaluation/GaussianNoise.h"
#include "production/SampleStore.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>
#include <vector>

namespace mlwb::testing {

// Images first … first + count − 1 of `images` (cyclically) with noise σ on [0, 1] pixels,
// their probabilities and embeddings from `classifier`, stored as model `modelId`'s answers one
// second apart from `start` (`added` counts the seconds used so far). Deterministic per `first`.
inline std::vector<NewSample> classifiedSamples(const Dataset &images, Classifier &classifier, qint64 modelId,
                                                qsizetype first, qsizetype count, double sigma,
                                                const QDateTime &start, qint64 &added)
{
    GaussianNoise draws(quint64(first) * 7919 + 1);
    const qsizetype bytes = images.imageBytes();
    std::vector<NewSample> batch;
    for (qsizetype k = 0; k < count; ++k) {
        const std::uint8_t *image = images.image((first + k) % images.size());
        NewSample n;
        ProductionSample &s = n.sample;
        s.input.resize(size_t(bytes));
        std::vector<float> x(static_cast<size_t>(bytes));
        for (qsizetype i = 0; i < bytes; ++i) {
            const double v = std::clamp(double(image[i]) / 255.0 + sigma * draws.next(), 0.0, 1.0);
            s.input[size_t(i)] = std::uint8_t(std::lround(v * 255));
            x[size_t(i)] = float(s.input[size_t(i)]) / 255.0f;
        }
        s.probabilities.resize(size_t(classifier.numClasses()));
        s.embedding.resize(size_t(classifier.embeddingSize()));
        classifier.predictWithEmbedding(x.data(), 1, s.probabilities.data(), s.embedding.data());
        s.predicted = int(std::max_element(s.probabilities.begin(), s.probabilities.end()) - s.probabilities.begin());
        s.modelId = modelId;
        s.created = start.addSecs(added++);
        batch.push_back(std::move(n));
    }
    return batch;
}

} // namespace mlwb::testing
