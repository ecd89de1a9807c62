#pragma once
#include "monitoring/ImageProperties.h"

#include <QDateTime>
#include <QList>
#include <vector>

namespace mlwb {

struct Dataset;
struct EvaluationResult;
struct ProductionSample;

// What the monitor compares, for a reference or a window, in columns: per sample the model's
// answer, its penultimate-layer embedding and the input's image properties.
struct Observations {
    int numClasses = 0;
    int embeddingSize = 0;                   // 0: no embeddings (an imported model)
    std::vector<float> probabilities;        // size() × numClasses, row-major
    std::vector<int> predicted;              // size()
    std::vector<float> embeddings;           // size() × embeddingSize
    std::vector<ImageProperties> properties; // size(), or empty when the images are unknown
    std::vector<int> truth;                  // size(); −1: no label (or discarded)
    std::vector<qint64> ids;                 // production sample ids, or data set indices
    std::vector<QDateTime> times;            // production samples: when each came; else empty

    qsizetype size() const { return qsizetype(predicted.size()); }
    bool hasEmbeddings() const { return embeddingSize > 0 && size() > 0; }
    bool hasProperties() const { return !properties.empty(); }
    double confidence(qsizetype i) const; // the top probability
    std::vector<double> confidences() const;
};

// A stored evaluation (the model on a data set version's test split): truth known, ids are
// data set indices. With `images` (the data set the indices point into) the image properties
// too. Throws UsageError when an index lies outside `images`.
Observations observationsOf(const EvaluationResult &evaluation, const Dataset *images);

// Production samples, in the order given. Every sample must have the class count of the
// first; embeddings are kept when every sample has one of the same length. A label counts as
// truth unless the sample was discarded. Throws UsageError for mixed class counts.
Observations observationsOf(const QList<ProductionSample> &samples);

} // namespace mlwb
