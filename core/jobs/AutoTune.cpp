#include "jobs/AutoTune.h"

#include "common/Error.h"
#include "data/Splits.h"
#include "jobs/RunQueue.h"
#include "jobs/TrainJob.h"
#include "models/ModelSpec.h"
#include "registry/ModelRegistry.h"
#include "store/QueueStore.h"
#include "store/RunStore.h"

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QThread>
#include <QtNumeric>
#include <numeric>
#include <spdlog/spdlog.h>

namespace mlwb {

namespace {

// The draw indexes a vector of every combination; a space this large is a typo, not a search.
constexpr qint64 kMaxCombinations = 1'000'000;

// The values of one axis, first occurrence kept (so that combinations are distinct), or the
// base's value when the list is empty.
template <typename T>
QList<T> axis(const QList<T> &values, const T &baseValue)
{
    QList<T> distinct;
    for (const T &v : values)
        if (!distinct.contains(v))
            distinct << v;
    return distinct.isEmpty() ? QList<T>{baseValue} : distinct;
}

bool sameSearchedValues(const TrainSettings &a, const TrainSettings &b)
{
    return a.learningRate == b.learningRate && a.optimizer == b.optimizer && a.batchSize == b.batchSize &&
           a.epochs == b.epochs;
}

} // namespace

qint64 SearchSpace::size() const
{
    auto count = [](qsizetype n) { return qint64(std::max<qsizetype>(n, 1)); };
    return count(learningRates.size()) * count(optimizers.size()) * count(batchSizes.size()) * count(epochs.size());
}

QString autoTuneStrategyName(AutoTuneSettings::Strategy strategy)
{
    return strategy == AutoTuneSettings::Strategy::Grid ? QStringLiteral("grid") : QStringLiteral("random");
}

std::optional<AutoTuneSettings::Strategy> autoTuneStrategyFromString(const QString &text)
{
    if (text == u"random")
        return AutoTuneSettings::Strategy::Random;
    if (text == u"grid")
        return AutoTuneSettings::Strategy::Grid;
    return std::nullopt;
}

std::vector<TrainSettings> planTrials(const AutoTuneSettings &settings)
{
    if (settings.budgetTrials < 1)
        throw UsageError(QStringLiteral("auto-tune: the trial budget must be at least 1, got %1").arg(settings.budgetTrials));
    const TrainSettings &base = settings.base;
    const QList<double> rates = axis(settings.space.learningRates, base.learningRate);
    const QStringList optimizers = axis<QString>(settings.space.optimizers, base.optimizer);
    const QList<int> batches = axis(settings.space.batchSizes, base.batchSize);
    const QList<int> epochs = axis(settings.space.epochs, base.epochs);
    const qint64 total = qint64(rates.size()) * optimizers.size() * batches.size() * epochs.size();
    if (total > kMaxCombinations)
        throw UsageError(QStringLiteral("auto-tune: the search space has %1 combinations, more than %2")
                             .arg(total).arg(kMaxCombinations));

    // Index → combination by mixed radix, epochs fastest: index order is the grid order.
    auto combination = [&](qint64 index) {
        TrainSettings s = base;
        s.epochs = epochs[index % epochs.size()];
        index /= epochs.size();
        s.batchSize = batches[index % batches.size()];
        index /= batches.size();
        s.optimizer = optimizers[index % optimizers.size()];
        index /= optimizers.size();
        s.learningRate = rates[index];
        return s;
    };
    std::vector<qint64> order(static_cast<size_t>(total));
    std::iota(order.begin(), order.end(), qint64(0));
    if (settings.strategy == AutoTuneSettings::Strategy::Random)
        seededShuffle(order, settings.seed); // portable: our own Fisher–Yates over mt19937_64

    std::vector<TrainSettings> trials;
    for (qint64 index : order) {
        if (qsizetype(trials.size()) >= settings.budgetTrials)
            break;
        TrainSettings s = combination(index);
        if (settings.skipBase && sameSearchedValues(s, base))
            continue;
        s.validate();
        trials.push_back(std::move(s));
    }
    return trials;
}

AutoTuneJob::AutoTuneJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Auto-tune %1").arg(params.base.architecture), parent), m_workspace(std::move(workspace)),
      m_params(std::move(params))
{
}

QList<AutoTuneJob::Trial> AutoTuneJob::trials() const
{
    QMutexLocker lock(&m_mutex);
    return m_trials;
}

void AutoTuneJob::update(const Trial &trial)
{
    QMutexLocker lock(&m_mutex);
    for (Trial &t : m_trials)
        if (t.number == trial.number)
            t = trial;
}

void AutoTuneJob::execute()
{
    QElapsedTimer clock;
    clock.start();
    // Everything that can be refused is checked before the first entry is queued.
    const std::vector<TrainSettings> plan = planTrials(m_params);
    if (!(m_params.budgetMinutes >= 0))
        throw UsageError(tr("auto-tune: the time budget must be 0 (none) or more minutes, got %1").arg(m_params.budgetMinutes));
    m_gates = ModelRegistry(*m_workspace).gates();
    if (m_params.minMacroF1) {
        if (!(*m_params.minMacroF1 >= 0 && *m_params.minMacroF1 <= 1))
            throw UsageError(tr("auto-tune: the minimum macro-F1 must be in [0, 1], got %1").arg(*m_params.minMacroF1));
        m_gates.minMacroF1 = *m_params.minMacroF1;
    }
    resolveArchitecture(m_params.base.architecture);
    if (plan.empty()) { // the space held the base's settings alone
        endWith(QStringLiteral("search space exhausted"));
        return;
    }
    const QueueStore queue(*m_workspace);
    const QList<qint64> entryIds = queue.add(
        queueGrid(*m_workspace, {m_params.datasetRef}, {m_params.base.architecture}, plan, m_params.priority));
    m_planned = int(plan.size());
    spdlog::info("auto-tune: {} trial(s) queued as entries {}–{}, minimum macro-F1 {:.4f}", plan.size(),
                 entryIds.first(), entryIds.last(), m_gates.minMacroF1);

    QString stopReason;
    try {
        for (size_t i = 0; i < plan.size() && stopReason.isEmpty(); ++i) {
            if (isCancelled())
                throw Cancelled();
            if (m_params.budgetMinutes > 0 && double(clock.elapsed()) >= m_params.budgetMinutes * 60000.0) {
                stopReason = QStringLiteral("time budget");
                break;
            }
            Trial trial;
            trial.number = int(i) + 1;
            trial.settings = plan[i];
            trial.queueEntryId = entryIds[qsizetype(i)];
            {
                QMutexLocker lock(&m_mutex);
                m_trials << trial;
            }
            Q_EMIT trialStarted(trial.number);
            QElapsedTimer trialClock;
            trialClock.start();
            auto end = [&] {
                trial.seconds = double(trialClock.elapsed()) / 1000.0;
                trial.finished = true;
                update(trial);
                Q_EMIT trialFinished(trial.number);
            };
            try {
                runTrial(trial);
            } catch (const Cancelled &) {
                trial.error = tr("cancelled");
                end();
                throw;
            }
            judge(trial);
            end();
            spdlog::info("auto-tune trial {}: run {}, macro-F1 {:.4f}, {}", trial.number, trial.runId, trial.macroF1,
                         trial.passed ? "passes the gates" : "below the gates");
            if (trial.passed)
                stopReason = QStringLiteral("passed");
        }
        if (isCancelled())
            throw Cancelled();
    } catch (const Cancelled &) {
        removeUnstarted(entryIds);
        endWith(QStringLiteral("cancelled"));
        throw;
    } catch (...) {
        removeUnstarted(entryIds);
        endWith(QStringLiteral("failed"));
        throw;
    }
    removeUnstarted(entryIds);
    if (stopReason.isEmpty())
        stopReason = qsizetype(plan.size()) >= m_params.budgetTrials ? QStringLiteral("trial budget")
                                                                     : QStringLiteral("search space exhausted");
    endWith(stopReason);
}

void AutoTuneJob::endWith(const QString &stopReason)
{
    m_result.stopReason = stopReason;
    m_result.passed = stopReason == u"passed";
    m_result.trials = trials();
    m_result.best = -1;
    for (int i = 0; i < m_result.trials.size(); ++i) {
        const double f1 = m_result.trials[i].macroF1;
        if (qIsFinite(f1) && (m_result.best < 0 || f1 > m_result.trials[m_result.best].macroF1))
            m_result.best = i;
    }
}

// Trains the trial's queue entry here, the way `mlwb queue run` does; or, when another
// runner took it first, waits for that one and takes its run's result.
void AutoTuneJob::runTrial(Trial &trial)
{
    const QueueStore queue(*m_workspace);
    const qint64 id = trial.queueEntryId;
    std::optional<QueueEntry> entry = queue.claim(id);
    for (int polls = 1; !entry; ++polls) {
        const std::optional<QueueEntry> now = queue.entry(id);
        if (!now) {
            trial.error = tr("queue entry %1 was removed before it ran").arg(id);
            return;
        }
        switch (now->state) {
        case QueueState::Waiting:
            entry = queue.claim(id);
            break;
        case QueueState::Held:
            trial.error = tr("queue entry %1 is held: skipped").arg(id);
            return;
        case QueueState::Running:
            if (now->runId && trial.runId != *now->runId) {
                trial.runId = *now->runId;
                update(trial);
            }
            reportProgress(0, 0, tr("trial %1/%2: waiting for queue entry %3, which another runner took")
                                     .arg(trial.number).arg(m_planned.load()).arg(id));
            waitHalfASecond();
            // A runner that died leaves its entry running; every few seconds, let it wait again.
            if (polls % 10 == 0) {
                RunStore(*m_workspace).recoverInterruptedRuns();
                queue.recoverStale();
            }
            break;
        case QueueState::Done:
        case QueueState::Failed:
        case QueueState::Cancelled:
            takeOthersResult(*now, trial);
            return;
        }
    }

    TrainJob::Params params;
    try {
        params = trainParamsFor(*m_workspace, *entry);
    } catch (const Error &e) { // e.g. settings written by another version
        queue.finish(id, QueueState::Failed, e.message());
        trial.error = e.message();
        return;
    }
    TrainJob job(m_workspace, params);
    connect(&job, &TrainJob::runCreated, &job, [&](qint64 runId) {
        queue.attachRun(id, runId);
        trial.runId = runId;
        update(trial);
    }, Qt::DirectConnection);
    // The trial runs on this job's thread: our cancel reaches it at its next progress (a batch).
    connect(&job, &Job::progress, &job, [&](qint64 done, qint64 total, const QString &what) {
        if (isCancelled())
            job.cancel();
        reportProgress(done, total, tr("trial %1/%2: %3").arg(trial.number).arg(m_planned.load()).arg(what));
    }, Qt::DirectConnection);
    if (isCancelled())
        job.cancel();
    job.runHere();
    if (job.succeededFlag()) {
        queue.finish(id, QueueState::Done);
        trial.runId = job.result().runId;
        trial.modelId = job.result().modelId;
    } else if (job.isCancelled()) {
        queue.finish(id, QueueState::Cancelled);
        throw Cancelled();
    } else {
        queue.finish(id, QueueState::Failed, job.errorMessage());
        trial.error = job.errorMessage();
    }
}

void AutoTuneJob::takeOthersResult(const QueueEntry &entry, Trial &trial) const
{
    trial.runId = entry.runId.value_or(0);
    if (entry.state == QueueState::Done && entry.runId)
        if (const std::optional<RunRecord> run = RunStore(*m_workspace).run(*entry.runId))
            trial.modelId = run->modelId;
    if (!trial.modelId)
        trial.error = !entry.error.isEmpty() ? entry.error
                                             : tr("queue entry %1 ended %2 without a model")
                                                   .arg(entry.id).arg(queueStateName(entry.state));
}

void AutoTuneJob::judge(Trial &trial) const
{
    if (!trial.modelId)
        return;
    const std::optional<ModelVersion> model = ModelRegistry(*m_workspace).model(*trial.modelId);
    if (!model) {
        trial.error = tr("model %1 is no longer registered").arg(*trial.modelId);
        return;
    }
    trial.macroF1 = model->macroF1;
    trial.gateFailures = gateFailures(*model, m_gates);
    trial.passed = trial.gateFailures.isEmpty();
}

// Entries of trials that did not start leave the queue; someone else's running one stays.
void AutoTuneJob::removeUnstarted(const QList<qint64> &entryIds) const
{
    const QueueStore queue(*m_workspace);
    for (qint64 id : entryIds) {
        try {
            const std::optional<QueueEntry> e = queue.entry(id);
            if (e && isPending(e->state))
                queue.remove({id});
        } catch (const Error &e) { // claimed by the window meanwhile: it runs as a queued run
            spdlog::warn("auto-tune: queue entry {} stays: {}", id, e.message().toStdString());
        }
    }
}

void AutoTuneJob::waitHalfASecond() const
{
    for (int i = 0; i < 10; ++i) {
        if (isCancelled())
            throw Cancelled();
        QThread::msleep(50);
    }
}

} // namespace mlwb
