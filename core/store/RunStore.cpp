#include "store/RunStore.h"

#include "common/Error.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/RunLock.h"
#include "store/StatusNames.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QLockFile>
#include <QSqlQuery>


namespace mlwb {
namespace {

constexpr StatusNames kStatusNames{std::array{
    std::pair{RunStatus::Queued, "queued"},
    std::pair{RunStatus::Running, "running"},
    std::pair{RunStatus::Finished, "finished"},
    std::pair{RunStatus::Failed, "failed"},
    std::pair{RunStatus::Cancelled, "cancelled"},
    std::pair{RunStatus::Interrupted, "interrupted"},
}};

const QString kRunColumns = QStringLiteral(
    "id, dataset_id, architecture, settings_json, status, created_at, started_at, finished_at, epochs_done, "
    "error, code_version, pid, model_id");

RunRecord runFromRow(const QSqlQuery &q)
{
    RunRecord r;
    r.id = q.value(0).toLongLong();
    r.datasetId = q.value(1).toString();
    r.architecture = q.value(2).toString();
    r.settings = QJsonDocument::fromJson(q.value(3).toByteArray()).object();
    r.status = runStatusFromString(q.value(4).toString()).value_or(RunStatus::Failed);
    r.created = fromSqlTime(q.value(5));
    r.started = fromSqlTime(q.value(6));
    r.finished = fromSqlTime(q.value(7));
    r.epochsDone = q.value(8).toInt();
    r.error = q.value(9).toString();
    r.codeVersion = q.value(10).toString();
    r.pid = q.value(11).toLongLong();
    if (!q.value(12).isNull())
        r.modelId = q.value(12).toLongLong();
    return r;
}

std::vector<MetricPoint> pointsFrom(QSqlQuery query)
{
    std::vector<MetricPoint> points;
    while (query.next())
        points.push_back({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toInt(),
                          query.value(3).toDouble()});
    return points;
}

} // namespace

QString runStatusName(RunStatus status)
{
    return kStatusNames.name(status);
}

std::optional<RunStatus> runStatusFromString(const QString &text)
{
    return kStatusNames.find(text);
}

bool isTerminal(RunStatus status)
{
    return status != RunStatus::Queued && status != RunStatus::Running;
}

QJsonObject RunRecord::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("datasetId"), datasetId},
        {QStringLiteral("architecture"), architecture},
        {QStringLiteral("settings"), settings},
        {QStringLiteral("status"), runStatusName(status)},
        {QStringLiteral("created"), toSqlTime(created)},
        {QStringLiteral("started"), started.isValid() ? QJsonValue(toSqlTime(started)) : QJsonValue()},
        {QStringLiteral("finished"), finished.isValid() ? QJsonValue(toSqlTime(finished)) : QJsonValue()},
        {QStringLiteral("epochsDone"), epochsDone},
        {QStringLiteral("error"), error},
        {QStringLiteral("codeVersion"), codeVersion},
        {QStringLiteral("pid"), pid},
        {QStringLiteral("modelId"), modelId ? QJsonValue(*modelId) : QJsonValue()},
    };
}

void RunStore::requireUpdated(qint64 runId, int changedRows) const
{
    if (changedRows == 0)
        throw UsageError(QStringLiteral("%1: there is no run %2").arg(m_workspace.root()).arg(runId));
}

qint64 RunStore::createRun(const QString &datasetId, const QString &architecture, const QJsonObject &settings,
                           const QString &codeVersion) const
{
    const Database &db = m_workspace.database();
    const qint64 id = db.transaction([&] {
        if (!db.scalar(QStringLiteral("SELECT 1 FROM datasets WHERE id = ?"), {datasetId}).isValid())
            throw UsageError(QStringLiteral("%1: there is no data set version %2").arg(m_workspace.root(), datasetId));
        return db.insert(QStringLiteral("INSERT INTO runs(dataset_id, architecture, settings_json, status, created_at, "
                                        "code_version) VALUES(?, ?, ?, 'queued', ?, ?)"),
                         {datasetId, sqlText(architecture), sqlJson(settings), sqlNow(), sqlText(codeVersion)});
    });
    const QString dir = m_workspace.runDir(id);
    if (!QDir().mkpath(dir))
        throw Error(QStringLiteral("%1: cannot create the run folder").arg(dir));
    return id;
}

void RunStore::markRunning(qint64 runId) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const QSqlQuery q = db.exec(QStringLiteral("UPDATE runs SET status = 'running', pid = ?, started_at = ?, "
                                                   "finished_at = NULL, error = '' WHERE id = ?"),
                                    {QCoreApplication::applicationPid(), sqlNow(), runId});
        requireUpdated(runId, q.numRowsAffected());
    });
}

void RunStore::setStatus(qint64 runId, RunStatus status, const QString &error) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const QSqlQuery q = db.exec(QStringLiteral("UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?"),
                                    {runStatusName(status), isTerminal(status) ? QVariant(sqlNow()) : QVariant(),
                                     sqlText(error), runId});
        requireUpdated(runId, q.numRowsAffected());
    });
}

void RunStore::setEpochsDone(qint64 runId, int epochs) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const QSqlQuery q = db.exec(QStringLiteral("UPDATE runs SET epochs_done = ? WHERE id = ?"), {epochs, runId});
        requireUpdated(runId, q.numRowsAffected());
    });
}

void RunStore::setModel(qint64 runId, std::optional<qint64> modelId) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const QSqlQuery q = db.exec(QStringLiteral("UPDATE runs SET model_id = ? WHERE id = ?"),
                                    {modelId ? QVariant(*modelId) : QVariant(), runId});
        requireUpdated(runId, q.numRowsAffected());
    });
}

void RunStore::appendMetrics(qint64 runId, const std::vector<MetricPoint> &points) const
{
    if (points.empty())
        return;
    const Database &db = m_workspace.database();
    db.transaction([&] {
        QSqlQuery insert = db.prepare(QStringLiteral("INSERT INTO metrics(run_id, name, step, epoch, value) "
                                                     "VALUES(?, ?, ?, ?, ?)"));
        for (const MetricPoint &p : points)
            db.run(insert, {runId, p.name, p.step, p.epoch, p.value});
    });
}

std::vector<MetricPoint> RunStore::metrics(qint64 runId, const QString &name) const
{
    return pointsFrom(m_workspace.database().exec(
        QStringLiteral("SELECT name, step, epoch, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step, rowid"),
        {runId, name}));
}

std::vector<MetricPoint> RunStore::metricsSince(qint64 runId, const QString &name, qint64 afterStep) const
{
    return pointsFrom(m_workspace.database().exec(
        QStringLiteral("SELECT name, step, epoch, value FROM metrics WHERE run_id = ? AND name = ? AND step > ? "
                       "ORDER BY step, rowid"),
        {runId, name, afterStep}));
}

QHash<qint64, double> RunStore::lastValues(const QString &name) const
{
    // Ordered as metrics() orders a curve, so that the value kept per run is its last point.
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT run_id, value FROM metrics WHERE name = ? ORDER BY run_id, step, rowid"), {name});
    QHash<qint64, double> last;
    while (q.next())
        last.insert(q.value(0).toLongLong(), q.value(1).toDouble());
    return last;
}

QStringList RunStore::metricNames(qint64 runId) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name"), {runId});
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

void RunStore::truncateMetrics(qint64 runId, qint64 afterStep) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        db.exec(QStringLiteral("DELETE FROM metrics WHERE run_id = ? AND step > ?"), {runId, afterStep});
    });
}

std::optional<RunRecord> RunStore::run(qint64 runId) const
{
    QSqlQuery q = m_workspace.database().exec(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns), {runId});
    if (!q.next())
        return std::nullopt;
    return runFromRow(q);
}

RunRecord RunStore::require(qint64 runId) const
{
    if (auto r = run(runId))
        return *r;
    throw UsageError(QStringLiteral("%1: there is no run %2").arg(m_workspace.root()).arg(runId));
}

QList<RunRecord> RunStore::list() const
{
    QSqlQuery q = m_workspace.database().exec(QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC").arg(kRunColumns));
    QList<RunRecord> runs;
    while (q.next())
        runs << runFromRow(q);
    return runs;
}

int RunStore::recoverInterruptedRuns() const
{
    const Database &db = m_workspace.database();
    QSqlQuery q = db.exec(QStringLiteral("SELECT id, pid FROM runs WHERE status = 'running' ORDER BY id"));
    std::vector<std::pair<qint64, qint64>> running;
    while (q.next())
        running.emplace_back(q.value(0).toLongLong(), q.value(1).toLongLong());
    q = QSqlQuery();

    int recovered = 0;
    for (const auto &[runId, pid] : running) {
        QLockFile lock(RunLock::lockPath(m_workspace, runId));
        lock.setStaleLockTime(0); // stale only when its owner is dead, as in RunLock
        if (!lock.tryLock(0))
            continue; // a live process trains it (or the lock file cannot be created)
        const int changed = db.transaction([&] {
            return db.exec(QStringLiteral("UPDATE runs SET status = 'interrupted', finished_at = ?, error = ? "
                                          "WHERE id = ? AND status = 'running'"),
                           {sqlNow(),
                            QStringLiteral("the process that trained this run (pid %1) stopped before it finished")
                                .arg(pid),
                            runId})
                .numRowsAffected();
        });
        lock.unlock();
        if (changed > 0) {
            spdlog::warn("run {} was marked running by process {} but no live process holds its lock: marked interrupted",
                         runId, pid);
            ++recovered;
        }
    }
    return recovered;
}

} // namespace mlwb
