#include "jobs/ModelComparison.h"

#include "common/Error.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"

#include <QJsonArray>
#include <QSet>

namespace mlwb {

QJsonObject ModelComparison::toJson() const
{
    QJsonArray modelsJson;
    for (const OpenedEvaluation &m : models) {
        const ClassificationReport &report = m.samples->report;
        QJsonArray perClass;
        for (const ClassMetrics &c : report.perClass)
            perClass.append(c.f1);
        modelsJson.append(QJsonObject{{QStringLiteral("model"), m.model.id},
                                      {QStringLiteral("architecture"), m.model.architecture},
                                      {QStringLiteral("accuracy"), report.accuracy},
                                      {QStringLiteral("macroF1"), report.macroF1},
                                      {QStringLiteral("weightedF1"), report.weightedF1},
                                      {QStringLiteral("parameters"), m.model.parameterCount},
                                      {QStringLiteral("perClassF1"), perClass}});
    }
    QJsonArray pairsJson;
    for (const Pair &p : pairs)
        pairsJson.append(QJsonObject{{QStringLiteral("a"), models[p.a].model.id},
                                     {QStringLiteral("b"), models[p.b].model.id},
                                     {QStringLiteral("bothRight"), p.outcome.bothRight},
                                     {QStringLiteral("onlyA"), p.outcome.onlyA},
                                     {QStringLiteral("onlyB"), p.outcome.onlyB},
                                     {QStringLiteral("bothWrong"), p.outcome.bothWrong},
                                     {QStringLiteral("disagreements"), p.outcome.disagreements},
                                     {QStringLiteral("pValue"), p.outcome.pValue}});
    return {{QStringLiteral("dataset"), datasetId},
            {QStringLiteral("classes"), QJsonArray::fromStringList(classNames)},
            {QStringLiteral("models"), modelsJson},
            {QStringLiteral("pairs"), pairsJson},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)}};
}

ModelComparison compareModels(const Workspace &workspace, const QList<qint64> &modelIds, const QString &datasetRef,
                              int threads, const ProgressFn &progress, const CancelFlag *cancel)
{
    if (modelIds.size() < 2 || modelIds.size() > 4)
        throw UsageError(QStringLiteral("compare 2 to 4 models, not %1").arg(modelIds.size()));
    if (QSet<qint64>(modelIds.begin(), modelIds.end()).size() != modelIds.size())
        throw UsageError(QStringLiteral("compare different models: a model is named twice"));

    const ModelRegistry registry(workspace);
    QList<ModelVersion> versions;
    for (const qint64 id : modelIds)
        versions << registry.require(id);
    QString ref = datasetRef;
    if (ref.isEmpty()) {
        ref = versions.first().datasetId;
        if (ref.isEmpty())
            throw UsageError(QStringLiteral("model %1 does not record its data set: name the one to compare on")
                                 .arg(versions.first().id));
    }

    ModelComparison comparison;
    comparison.datasetId = DatasetStore(workspace).require(ref).id;
    // Progress over all models: each one's evaluation is one equal share (stored ones take none).
    const qint64 n = modelIds.size();
    for (qint64 k = 0; k < n; ++k) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        EvaluationRequest request;
        request.modelId = modelIds[k];
        request.datasetRef = comparison.datasetId;
        request.threads = threads;
        const ProgressFn share = progress ? ProgressFn([&progress, k, n](qint64 done, qint64 total) {
            if (total > 0)
                progress(k * total + done, n * total);
        })
                                          : ProgressFn();
        comparison.models << obtainEvaluation(workspace, request, share, cancel);
    }

    const OpenedEvaluation &first = comparison.models.first();
    comparison.classNames = first.classNames;
    for (const OpenedEvaluation &m : comparison.models)
        if (m.samples->indices != first.samples->indices)
            throw Error(QStringLiteral("the stored evaluations of models %1 and %2 on data set %3 cover different samples: "
                                       "`mlwb eval ID --data %3 --recompute` evaluates again")
                            .arg(first.model.id).arg(m.model.id).arg(comparison.datasetId.left(12)));

    const std::vector<int> &truth = first.samples->truth;
    for (int a = 0; a < comparison.models.size(); ++a)
        for (int b = a + 1; b < comparison.models.size(); ++b)
            comparison.pairs.append({a, b, pairedOutcome(truth, comparison.models[a].samples->predicted,
                                                         comparison.models[b].samples->predicted)});

    for (const OpenedEvaluation &m : comparison.models) {
        if (m.model.datasetId == comparison.datasetId)
            continue;
        const QString origin = m.model.datasetId.isEmpty()
                                   ? QStringLiteral("model %1 does not record the data set it was trained on").arg(m.model.id)
                                   : QStringLiteral("model %1 was trained on data set %2").arg(m.model.id).arg(m.model.datasetId.left(12));
        comparison.notes << QStringLiteral("%1; all are compared on %2's test split").arg(origin, comparison.datasetId.left(12));
    }
    return comparison;
}

} // namespace mlwb
