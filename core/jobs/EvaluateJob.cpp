#include "jobs/EvaluateJob.h"

#include "common/Error.h"
#include "data/Splits.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "training/TrainSettings.h"

#include <QThread>

namespace mlwb {

EvaluateJob::EvaluateJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Evaluate model %1").arg(params.modelId), parent), m_workspace(std::move(workspace)), m_params(std::move(params))
{
}

void EvaluateJob::execute()
{
    const ModelVersion model = ModelRegistry(*m_workspace).require(m_params.modelId);
    const QString ref = m_params.datasetRef.isEmpty() ? model.datasetId : m_params.datasetRef;
    if (ref.isEmpty())
        throw UsageError(tr("model %1 does not record its data set: name one with --data").arg(model.id));
    const DatasetStore datasets(*m_workspace);
    m_result.datasetId = datasets.require(ref).id;
    reportProgress(0, 0, tr("loading data set %1").arg(m_result.datasetId.left(12)));
    const DatasetPtr data = datasets.load(m_result.datasetId);
    m_result.classNames = data->classNames;

    // The test split does not depend on the validation fraction or seed: it is the source's.
    const TrainSettings settings = model.settings.isEmpty() ? TrainSettings{} : TrainSettings::fromJson(model.settings);
    const Splits splits = makeSplits(*data, settings.validationFraction, settings.seed);
    if (splits.test.empty())
        throw UsageError(tr("data set %1 has no test images").arg(m_result.datasetId.left(12)));
    const int threads = m_params.threads > 0 ? m_params.threads : QThread::idealThreadCount();
    m_result.evaluation = evaluateModel(m_workspace->absolute(model.path), *data, splits.test, threads,
                                        [this](qint64 done, qint64 total) { reportProgress(done, total, tr("evaluating")); },
                                        &cancelFlag());
}

} // namespace mlwb
