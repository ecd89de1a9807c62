#include "jobs/ModelEvaluation.h"

#include "models/ModelFiles.h"

#include <QJsonArray>

namespace mlwb {

QJsonObject ModelEvaluation::toJson(const QStringList &classNames) const
{
    QJsonObject json = result.toJson(classNames);
    json[QStringLiteral("robustness")] = robustnessToJson(robustness);
    return json;
}

ModelEvaluation evaluateModel(const QString &modelDir, const Dataset &data, const std::vector<qint64> &indices,
                              int threads, const ProgressFn &progress, const CancelFlag *cancel)
{
    // σ = 0 is the plain pass itself: not run twice.
    const std::vector<double> sigmas{0.1, 0.2, 0.3, 0.5};
    const qint64 n = qint64(indices.size());
    const qint64 total = n * qint64(1 + sigmas.size());
    auto scaled = [&progress, total](qint64 offset) -> ProgressFn {
        if (!progress)
            return {};
        return [&progress, total, offset](qint64 done, qint64) { progress(offset + done, total); };
    };
    std::unique_ptr<Classifier> classifier = loadClassifier(modelDir, threads);
    ModelEvaluation evaluation;
    evaluation.result = evaluate(*classifier, data, indices, 500, 100, scaled(0), cancel);
    evaluation.robustness = robustness(*classifier, data, indices, sigmas, 1, 500, scaled(n), cancel);
    evaluation.robustness.insert(evaluation.robustness.begin(), RobustnessPoint{0.0, evaluation.result.report.accuracy});
    return evaluation;
}

} // namespace mlwb
