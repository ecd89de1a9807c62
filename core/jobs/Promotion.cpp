#include "jobs/Promotion.h"

#include "common/Error.h"
#include "jobs/StoredEvaluations.h"

namespace mlwb {

QStringList beatProductionFailures(const Workspace &workspace, const ModelVersion &candidate, int threads)
{
    const std::optional<ModelVersion> production = ModelRegistry(workspace).production();
    if (!production || production->id == candidate.id)
        return {};
    if (candidate.datasetId.isEmpty())
        return {QStringLiteral("model %1 does not record its data set, so it cannot be compared with production model %2")
                    .arg(candidate.id).arg(production->id)};

    EvaluationRequest request;
    request.modelId = candidate.id;
    request.datasetRef = candidate.datasetId;
    request.threads = threads;
    const OpenedEvaluation mine = obtainEvaluation(workspace, request);
    const QString where = QStringLiteral("the test split of data set %1").arg(mine.record.datasetId.left(12));
    request.modelId = production->id;
    OpenedEvaluation theirs;
    try {
        theirs = obtainEvaluation(workspace, request);
    } catch (const Cancelled &) {
        throw;
    } catch (const Error &e) {
        return {QStringLiteral("production model %1 cannot be evaluated on %2, so model %3 cannot be shown to beat it (%4)")
                    .arg(production->id).arg(where).arg(candidate.id).arg(e.message())};
    }
    const double f1 = mine.samples->report.macroF1, productionF1 = theirs.samples->report.macroF1;
    if (f1 > productionF1)
        return {};
    const double shortfall = productionF1 - f1;
    const int decimals = shortfall > 0 ? shortfallDecimals(shortfall) : 4;
    const QString tail = shortfall > 0 ? QStringLiteral(" by %1").arg(shortfall, 0, 'f', decimals)
                                       : QStringLiteral(": they are equal");
    return {QStringLiteral("macro-F1 %1 does not beat production model %2 (%3) on %4%5")
                .arg(f1, 0, 'f', decimals).arg(production->id).arg(productionF1, 0, 'f', decimals).arg(where, tail)};
}

ModelRegistry::PromoteResult promoteThroughGates(const Workspace &workspace, qint64 modelId, const Gates &gates,
                                                 const QString &note, int threads)
{
    const ModelRegistry registry(workspace);
    const ModelVersion candidate = registry.require(modelId);
    QStringList failures = gateFailures(candidate, gates);
    if (gates.mustBeatProduction)
        failures << beatProductionFailures(workspace, candidate, threads);
    if (!failures.isEmpty())
        throw GateError(modelId, failures);
    return registry.promote(modelId, gates, note);
}

} // namespace mlwb
