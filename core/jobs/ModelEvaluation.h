#pragma once
#include "common/Cancel.h"
#include "data/Dataset.h"
#include "evaluation/Evaluator.h"

#include <QJsonObject>

namespace mlwb {

// A model version's full evaluation on a set of samples: the report (accuracy, per-class
// P/R/F1, confusion), the most confident mistakes, and accuracy under Gaussian noise.
struct ModelEvaluation {
    EvaluationResult result;
    std::vector<RobustnessPoint> robustness;
    QJsonObject toJson(const QStringList &classNames) const;
};

// Loads the model of modelDir and evaluates it on data's samples at `indices`. Progress
// counts samples of the plain pass and the noisy passes together.
ModelEvaluation evaluateModel(const QString &modelDir, const Dataset &data, const std::vector<qint64> &indices,
                              int threads, const ProgressFn &progress = {}, const CancelFlag *cancel = nullptr);

} // namespace mlwb
