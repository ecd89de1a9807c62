#pragma once
#include "common/Cancel.h"
#include "data/Dataset.h"
#include "evaluation/Classifier.h"
#include "evaluation/Failures.h"
#include "evaluation/Metrics.h"

#include <QJsonArray>
#include <QJsonObject>
#include <vector>

namespace mlwb {

// What a model did on a set of samples, in the order of the indices it was given.
struct EvaluationResult {
    ClassificationReport report;
    std::vector<FailureCase> failures; // most confident mistakes first
    std::vector<qint64> indices;       // into the Dataset
    std::vector<int> truth, predicted;
    std::vector<float> probabilities;  // indices.size() × numClasses(), row-major
    int embeddingSize = 0;             // 0: the model gives no embedding
    std::vector<float> embeddings;     // indices.size() × embeddingSize, row-major

    qsizetype size() const { return qsizetype(indices.size()); }
    const float *probabilityRow(qsizetype position) const { return probabilities.data() + position * numClasses(); }

    int numClasses() const { return report.confusion.numClasses(); }

    // {"samples": n, "report": ClassificationReport::toJson, "failures": [...]}. The
    // per-sample predictions are left out (they go to the CSV, see PredictionsCsv.h).
    QJsonObject toJson(const QStringList &classNames) const;
};

// Runs the classifier over data's samples at `indices`, batchSize images at a time
// (uint8 pixels become floats in [0, 1] per batch; the data set is never copied whole).
// Progress counts samples. Throws UsageError for batchSize < 1 or failureLimit < 0,
// Error when the model's class count differs from the data set's, an index is outside
// the data set or a label outside the classes, Cancelled when the flag is raised.
EvaluationResult evaluate(Classifier &classifier, const Dataset &data, const std::vector<qint64> &indices,
                          int batchSize = 500, int failureLimit = 100, const ProgressFn &progress = {},
                          const CancelFlag *cancel = nullptr);

} // namespace mlwb
