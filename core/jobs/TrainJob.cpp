#include "jobs/TrainJob.h"

#include "data/Splits.h"
#include "jobs/MetricRecorder.h"
#include "jobs/StoredEvaluations.h"
#include "evaluation/Evaluator.h"
#include "models/ModelFiles.h"
#include "models/ModelSpec.h"
#include "registry/ModelRegistry.h"
#include "common/AtomicFolder.h"
#include "store/DatasetStore.h"
#include "store/RunLock.h"
#include "store/RunStore.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <spdlog/spdlog.h>

namespace mlwb {

TrainJob::TrainJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(params.resumeRunId > 0 ? tr("Resume run %1").arg(params.resumeRunId)
                                 : tr("Train %1").arg(params.settings.architecture),
          parent),
      m_workspace(std::move(workspace)), m_params(std::move(params))
{
}

// Creates the run (or checks that the one to resume can be resumed) before anything heavy
// happens, so that bad settings or an unknown model leave no row behind.
qint64 TrainJob::prepareRun(TrainSettings &settings, QString &datasetId)
{
    RunStore runs(*m_workspace);
    runs.recoverInterruptedRuns();
    if (m_params.resumeRunId > 0) {
        const RunRecord run = runs.require(m_params.resumeRunId);
        if (run.status == RunStatus::Finished)
            throw UsageError(tr("run %1 has finished already; nothing to resume").arg(run.id));
        if (run.status == RunStatus::Running)
            throw Error(tr("run %1 is being trained by process %2").arg(run.id).arg(run.pid));
        settings = TrainSettings::fromJson(run.settings);
        datasetId = run.datasetId;
        return run.id;
    }
    settings = m_params.settings;
    settings.validate();
    resolveArchitecture(settings.architecture); // an unknown model is refused before a run exists
    datasetId = DatasetStore(*m_workspace).require(m_params.datasetRef).id;
    return runs.createRun(datasetId, settings.architecture, settings.toJson());
}

void TrainJob::execute()
{
    QElapsedTimer timer;
    timer.start();
    TrainSettings settings;
    QString datasetId;
    const qint64 runId = prepareRun(settings, datasetId);
    m_runId = runId;
    m_result.runId = runId;
    Q_EMIT runCreated(runId);

    RunStore runs(*m_workspace);
    RunLock lock(*m_workspace, runId);
    lock.lock();
    runs.markRunning(runId);
    try {
        train(runId, settings, datasetId);
    } catch (const Cancelled &) {
        runs.setStatus(runId, RunStatus::Cancelled);
        throw;
    } catch (const std::exception &e) {
        const auto *error = dynamic_cast<const Error *>(&e);
        runs.setStatus(runId, RunStatus::Failed, error ? error->message() : QString::fromLocal8Bit(e.what()));
        throw;
    }
    m_result.seconds = double(timer.elapsed()) / 1000.0;
}

void TrainJob::train(qint64 runId, const TrainSettings &settings, const QString &datasetId)
{
    RunStore runs(*m_workspace);
    const bool resume = m_params.resumeRunId > 0;
    reportProgress(0, 0, tr("loading data set %1").arg(datasetId.left(12)));
    const DatasetPtr data = DatasetStore(*m_workspace).load(datasetId);
    if (cancelFlag().isCancelled())
        throw Cancelled();

    const QString runDir = m_workspace->runDir(runId);
    Trainer trainer(data, settings, runDir);
    if (settings.fineTuneFrom > 0)
        trainer.setInitialModel(m_workspace->absolute(ModelRegistry(*m_workspace).require(settings.fineTuneFrom).path));
    MetricRecorder recorder(runs, runId);
    bool firstBatch = true;
    qint64 lastStep = -1;
    int epochOfProgress = 1;
    TrainCallbacks callbacks;
    callbacks.onBatch = [&](int epoch, qint64 step, double loss, double learningRate) {
        if (firstBatch && resume)
            runs.truncateMetrics(runId, step - 1); // the points after the checkpoint come again
        firstBatch = false;
        lastStep = step;
        epochOfProgress = epoch;
        recorder.add(QStringLiteral("train_loss"), step, epoch, loss);
        recorder.add(QStringLiteral("lr"), step, epoch, learningRate);
    };
    callbacks.onEpoch = [&](const EpochMetrics &m) {
        // At the epoch's last step, so that truncating a resumed run after its checkpoint's
        // last step keeps the checkpointed epochs' points.
        const qint64 step = lastStep;
        recorder.add(QStringLiteral("train_epoch_loss"), step, m.epoch, m.trainLoss);
        recorder.add(QStringLiteral("train_accuracy"), step, m.epoch, m.trainAccuracy);
        if (!std::isnan(m.validationLoss)) {
            recorder.add(QStringLiteral("val_loss"), step, m.epoch, m.validationLoss);
            recorder.add(QStringLiteral("val_accuracy"), step, m.epoch, m.validationAccuracy);
        }
        recorder.add(QStringLiteral("images_per_second"), step, m.epoch, double(m.imagesPerSecond));
        recorder.flush();
        runs.setEpochsDone(runId, m.epoch);
        spdlog::info("run {} epoch {}/{}: loss {:.4f}, validation accuracy {:.4f}, {} images/s", runId, m.epoch,
                     settings.epochs, m.trainLoss, m.validationAccuracy, m.imagesPerSecond);
        Q_EMIT epochFinished(m.toJson());
    };
    // Images per second over the last few seconds (the job bar shows it), not since the start:
    // pauses and the first slow batches would skew a whole-run average.
    QElapsedTimer rateClock;
    rateClock.start();
    qint64 rateStartStep = -1, rateStartNs = 0;
    double imagesPerSecond = 0;
    callbacks.onProgress = [&](qint64 done, qint64 total) {
        const qint64 ns = rateClock.nsecsElapsed();
        if (rateStartStep < 0 || m_paused.load()) {
            rateStartStep = done, rateStartNs = ns;
        } else if (ns - rateStartNs > 2'000'000'000) {
            imagesPerSecond = double(done - rateStartStep) * settings.batchSize / ((ns - rateStartNs) / 1e9);
            rateStartStep = done, rateStartNs = ns;
        }
        QString text = tr("run %1, epoch %2/%3").arg(runId).arg(epochOfProgress).arg(settings.epochs);
        if (imagesPerSecond > 0)
            text += tr(", %1 images/s").arg(qRound64(imagesPerSecond));
        reportProgress(done, total, text);
    };
    callbacks.shouldPause = [this] { return m_paused.load(); };
    m_result.training = trainer.run(cancelFlag(), callbacks, resume);
    recorder.flush();
    if (m_result.training.cancelled)
        throw Cancelled();

    // The plain pass only: the corruption curves are computed when someone asks for them
    // (Evaluate page, `mlwb eval`), so that a finished run is registered quickly.
    reportProgress(0, 0, tr("evaluating run %1 on the test split").arg(runId));
    const Splits splits = makeSplits(*data, settings.validationFraction, settings.seed);
    std::unique_ptr<Classifier> classifier = loadClassifier(m_result.training.modelDir, settings.effectiveThreads());
    const EvaluationResult evaluation = evaluate(
        *classifier, *data, splits.test, 500, 100,
        [this](qint64 done, qint64 total) { reportProgress(done, total, tr("evaluating")); }, &cancelFlag());
    classifier.reset();
    m_result.evaluation = evaluation.toJson(data->classNames);
    writeFileAtomically(runDir + QStringLiteral("/evaluation.json"),
                        QJsonDocument(m_result.evaluation).toJson(QJsonDocument::Indented));

    // The run's model folder becomes the model version's (renamed in the registering transaction).
    const ClassificationReport &report = evaluation.report;
    NewModel model;
    model.runId = runId;
    model.datasetId = datasetId;
    model.architecture = settings.architecture;
    model.parameterCount = m_result.training.parameterCount;
    model.accuracy = report.accuracy;
    model.macroF1 = report.macroF1;
    model.weightedF1 = report.weightedF1;
    model.evaluation = m_result.evaluation;
    model.settings = settings.toJson();
    const ModelRegistry registry(*m_workspace);
    const ModelVersion registered = registry.registerModel(model, m_result.training.modelDir);
    m_result.modelId = registered.id;
    m_result.training.modelDir = m_workspace->modelDir(registered.id);
    storeEvaluation(*m_workspace, registered, *data, datasetId, evaluation);
    runs.setStatus(runId, RunStatus::Finished);
}

} // namespace mlwb
