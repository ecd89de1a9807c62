#include "continuous/Retrain.h"

#include "common/Error.h"
#include "jobs/TrainJob.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"

namespace mlwb {

namespace {

// The production model's settings, changed for this retraining.
TrainSettings retrainSettings(const ModelVersion &production, const RetrainOptions &options)
{
    if (production.settings.isEmpty() || !production.settings.contains(QStringLiteral("architecture")))
        throw UsageError(QStringLiteral("the production model (%1) was not trained here (it has no training "
                                        "settings): train or promote a model trained in this workspace first")
                             .arg(production.id));
    TrainSettings settings = TrainSettings::fromJson(production.settings);
    settings.fineTuneFrom = 0;
    settings.threads = options.threads;
    if (options.fineTune) {
        // A third of the learning rate, held constant: the weights are close to a good
        // solution already, and a one-cycle warm-up to the full rate would undo part of it.
        settings.fineTuneFrom = production.id;
        settings.learningRate /= 3;
        settings.schedule = QStringLiteral("constant");
        settings.epochs = options.epochs > 0 ? options.epochs : 2;
    } else if (options.epochs > 0) {
        settings.epochs = options.epochs;
    }
    settings.validate();
    return settings;
}

} // namespace

QJsonObject RetrainResult::toJson() const
{
    QJsonObject json{
        {QStringLiteral("production"), double(productionModelId)},
        {QStringLiteral("model"), double(modelId)},
        {QStringLiteral("run"), double(runId)},
        {QStringLiteral("dataset"), datasetId},
    };
    if (build)
        json.insert(QStringLiteral("build"), build->toJson());
    if (onBase)
        json.insert(QStringLiteral("base"), onBase->toJson());
    if (onProduction)
        json.insert(QStringLiteral("productionTest"), onProduction->toJson());
    return json;
}

RetrainJob::RetrainJob(WorkspacePtr workspace, RetrainOptions options, QObject *parent)
    : Job(options.fineTune ? tr("Fine-tune on production samples") : tr("Retrain on production samples"), parent),
      m_workspace(std::move(workspace)), m_options(std::move(options))
{
}

void RetrainJob::execute()
{
    const Workspace &ws = *m_workspace;
    const std::optional<ModelVersion> production = ModelRegistry(ws).production();
    if (!production)
        throw UsageError(QStringLiteral("there is no production model to retrain: promote one first"));
    m_result = {};
    m_result.productionModelId = production->id;
    const TrainSettings settings = retrainSettings(*production, m_options);

    if (m_options.datasetRef.isEmpty()) {
        reportProgress(0, 0, tr("building the data set"));
        m_result.build = buildProductionDataset(ws, m_options.build, {}, &cancelFlag());
        m_result.datasetId = m_result.build->dataset.id;
    } else {
        m_result.datasetId = DatasetStore(ws).require(m_options.datasetRef).id;
    }

    TrainJob train(m_workspace, TrainJob::Params{m_result.datasetId, settings, 0});
    train.followCancel(cancelFlag());
    connect(&train, &Job::progress, this, [this](qint64 done, qint64 total, const QString &what) {
        reportProgress(done, total, what);
    }, Qt::DirectConnection);
    connect(&train, &TrainJob::runCreated, this, [this](qint64 runId) {
        m_result.runId = runId;
        Q_EMIT runCreated(runId);
    }, Qt::DirectConnection);
    connect(&train, &TrainJob::epochFinished, this, &RetrainJob::epochFinished, Qt::DirectConnection);
    train.runHere();
    train.rethrowIfFailed();
    if (!train.result().modelId)
        throw Cancelled();
    m_result.modelId = *train.result().modelId;

    // Both models on the same test sets: the base's, and the held-back production samples.
    const std::optional<DatasetLineage> lineage = datasetLineage(ws, m_result.datasetId);
    const QString baseId = lineage ? lineage->baseId : m_result.datasetId;
    const QList<qint64> models{production->id, m_result.modelId};
    auto progress = [this](qint64 done, qint64 total) { reportProgress(done, total, tr("comparing with production")); };
    m_result.onBase = compareModels(ws, models, baseId, m_options.threads, progress, &cancelFlag());
    if (lineage && !lineage->productionTestId.isEmpty())
        m_result.onProduction = compareModels(ws, models, lineage->productionTestId, m_options.threads, progress, &cancelFlag());
}

} // namespace mlwb
