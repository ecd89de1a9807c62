#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "jobs/RunQueue.h"
#include "jobs/TrainJob.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"

#include <QJsonArray>
#include <spdlog/spdlog.h>

namespace mlwb {

namespace {

QString entryLine(const QueueEntry &e, int order, const QHash<QString, QString> &datasetNames)
{
    const QJsonObject &s = e.settings;
    const QString dataset = datasetNames.value(e.datasetId, e.datasetId.left(12));
    return QStringLiteral("%1  %2  %3  prio %4  %5  %6  epochs %7  batch %8  lr %9%10%11\n")
        .arg(order > 0 ? QStringLiteral("%1.").arg(order) : QString(), 4)
        .arg(e.id, 4)
        .arg(queueStateName(e.state), -9)
        .arg(e.priority, 3)
        .arg(dataset, -12)
        .arg(e.architecture(), -6)
        .arg(s.value(QStringLiteral("epochs")).toInt())
        .arg(s.value(QStringLiteral("batchSize")).toInt())
        .arg(s.value(QStringLiteral("learningRate")).toDouble(), 0, 'g', 6)
        .arg(e.runId ? QStringLiteral("  run %1").arg(*e.runId) : QString())
        .arg(e.error.isEmpty() ? QString() : QStringLiteral("  error: ") + e.error);
}

// The ids given as positional arguments; at least one.
QList<qint64> entryIds(const QCommandLineParser &parser, const QString &command)
{
    if (parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("%1: give a queue entry id").arg(command));
    QList<qint64> ids;
    for (const QString &text : parser.positionalArguments())
        ids << parseId(text, QStringLiteral("queue entry"));
    return ids;
}

// Parses a command that takes entry ids only, and applies `change` to each.
int changeEntries(CliContext &context, const QStringList &args, const QString &synopsis,
                  const std::function<void(const QueueStore &, qint64)> &change)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("entry"), QStringLiteral("Queue entry id(s)."), QStringLiteral("ids..."));
    context.parse(parser, args, synopsis);
    const QueueStore queue(context.workspace());
    const QList<qint64> ids = entryIds(parser, args.first());
    for (qint64 id : ids)
        change(queue, id);
    QJsonArray json;
    for (qint64 id : ids)
        if (const auto e = queue.entry(id))
            json.append(e->toJson());
    context.print(QJsonObject{{QStringLiteral("entries"), json}}, QStringLiteral("%1: %2").arg(args.first(), parser.positionalArguments().join(u' ')));
    return ExitDone;
}

int setQueuePaused(CliContext &context, const QStringList &args, bool paused)
{
    QCommandLineParser parser;
    context.parse(parser, args,
                  paused ? QStringLiteral("Pause the queue: no new run starts (a running one goes on).")
                         : QStringLiteral("Let a paused queue run again."));
    QueueStore(context.workspace()).setPaused(paused);
    context.print(QJsonObject{{QStringLiteral("paused"), paused}},
                  paused ? QStringLiteral("the queue is paused") : QStringLiteral("the queue runs again"));
    return ExitDone;
}

} // namespace

int cmdQueueAdd(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")},
                                  QStringLiteral("Data set version(s), comma-separated: id, id prefix or name (default: mnist)."),
                                  QStringLiteral("refs"), QStringLiteral("mnist"));
    const QCommandLineOption priority(QStringLiteral("priority"), QStringLiteral("Higher runs first (default 0)."),
                                      QStringLiteral("n"), QStringLiteral("0"));
    TrainSettingsOptions settingsOptions(parser);
    parser.addOptions({data, priority});
    context.parse(parser, args,
                  QStringLiteral("Queue runs: every combination of the data sets, models (--model cnn,lite) and the "
                                 "values of --lr, --batch-size and --epochs (comma-separated)."));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("queue add: unexpected argument '%1'").arg(parser.positionalArguments().first()));
    HyperParameterGrid grid;
    const TrainSettings base = settingsOptions.settings(parser, grid);
    const std::vector<NewQueueEntry> entries =
        queueGrid(context.workspace(), parser.value(data).split(u',', Qt::SkipEmptyParts), settingsOptions.architectures(parser),
                  expandHyperParameters(base, grid), parseInt(parser.value(priority), QStringLiteral("priority")));
    const QList<qint64> ids = QueueStore(context.workspace()).add(entries);
    QJsonArray json;
    for (qint64 id : ids)
        json.append(id);
    context.print(QJsonObject{{QStringLiteral("added"), json}},
                  QStringLiteral("queued %1 run(s): entries %2; `mlwb queue run` trains them")
                      .arg(ids.size())
                      .arg(ids.size() == 1 ? QString::number(ids.first())
                                           : QStringLiteral("%1–%2").arg(ids.first()).arg(ids.last())));
    return ExitDone;
}

int cmdQueueList(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    context.parse(parser, args, QStringLiteral("List the run queue: waiting entries in the order they will run, then the others."));
    recoverQueue(context.workspace());
    const QueueStore queue(context.workspace());
    QHash<QString, QString> names;
    for (const DatasetVersion &v : DatasetStore(context.workspace()).list())
        names.insert(v.id, v.name);
    QJsonArray json;
    QString text;
    int order = 0;
    for (const QueueEntry &e : queue.list()) {
        json.append(e.toJson());
        text += entryLine(e, isPending(e.state) ? ++order : 0, names);
    }
    if (queue.isPaused())
        text += QStringLiteral("the queue is paused: `mlwb queue resume` lets it run\n");
    context.print(QJsonObject{{QStringLiteral("paused"), queue.isPaused()}, {QStringLiteral("entries"), json}},
                  text.isEmpty() ? QStringLiteral("the queue is empty: `mlwb queue add`") : text);
    return ExitDone;
}

int cmdQueueRun(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption max(QStringLiteral("max"), QStringLiteral("Stop after this many runs."), QStringLiteral("n"));
    parser.addOption(max);
    context.parse(parser, args,
                  QStringLiteral("Train the waiting entries one at a time (priority, then age) until none is left. "
                                 "Ctrl+C cancels the running entry, as Cancel in the window does; `mlwb runs resume` "
                                 "continues its run."));
    const int limit = parser.isSet(max) ? parseInt(parser.value(max), QStringLiteral("max")) : -1;
    recoverQueue(context.workspace());

    QJsonArray json;
    QString text;
    int failures = 0, ran = 0;
    const auto unstartable = [&](const QueueEntry &entry, const QString &error) {
        json.append(QJsonObject{{QStringLiteral("entry"), entry.id}, {QStringLiteral("error"), error}});
        text += QStringLiteral("entry %1 failed: %2\n").arg(entry.id).arg(error);
        ++failures;
        ++ran;
    };
    while (limit < 0 || ran < limit) {
        const std::optional<ClaimedEntry> claimed = claimNextEntry(context.workspace(), unstartable);
        if (!claimed)
            break;
        ++ran;
        const qint64 id = claimed->entry.id;
        QJsonObject row{{QStringLiteral("entry"), id}};
        // The same job as the window's: it attaches its run and ends its entry itself.
        QueuedTrainJob job(context.workspaceShared(), *claimed);
        try {
            spdlog::info("queue entry {}: {}", id, job.title().toStdString());
            runJobInCli(job);
            row.insert(QStringLiteral("run"), job.result().runId);
            row.insert(QStringLiteral("model"), job.result().modelId ? QJsonValue(*job.result().modelId) : QJsonValue());
            const double f1 = job.result().evaluation.value(QStringLiteral("report")).toObject().value(QStringLiteral("macroF1")).toDouble();
            row.insert(QStringLiteral("macroF1"), f1);
            text += QStringLiteral("entry %1 → run %2, model %3, macro-F1 %4\n")
                        .arg(id).arg(job.result().runId).arg(job.result().modelId.value_or(0)).arg(f1, 0, 'f', 4);
        } catch (const Cancelled &) {
            throw; // Ctrl+C: the entry ended cancelled, as Cancel in the window ends it
        } catch (const Error &e) {
            row.insert(QStringLiteral("error"), e.message());
            text += QStringLiteral("entry %1 failed: %2\n").arg(id).arg(e.message());
            ++failures;
        }
        json.append(row);
    }
    if (ran == 0)
        text = QueueStore(context.workspace()).isPaused() ? QStringLiteral("the queue is paused: nothing ran") : QStringLiteral("nothing waits in the queue");
    context.print(QJsonObject{{QStringLiteral("runs"), json}, {QStringLiteral("failed"), failures}}, text);
    if (failures > 0)
        throw Error(QStringLiteral("%1 of %2 queued run(s) failed").arg(failures).arg(ran));
    return ExitDone;
}

int cmdQueueRemove(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption finished(QStringLiteral("finished"), QStringLiteral("Remove every done, failed or cancelled entry."));
    parser.addOption(finished);
    parser.addPositionalArgument(QStringLiteral("entry"), QStringLiteral("Queue entry id(s)."), QStringLiteral("[ids...]"));
    context.parse(parser, args, QStringLiteral("Remove queue entries that are not running."));
    const QueueStore queue(context.workspace());
    int removed = 0;
    if (parser.isSet(finished))
        removed += queue.removeFinished();
    if (!parser.positionalArguments().isEmpty() || !parser.isSet(finished)) {
        const QList<qint64> ids = entryIds(parser, args.first());
        queue.remove(ids);
        removed += int(ids.size());
    }
    context.print(QJsonObject{{QStringLiteral("removed"), removed}}, QStringLiteral("removed %1 entr%2").arg(removed).arg(removed == 1 ? "y" : "ies"));
    return ExitDone;
}

int cmdQueueMove(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("entry"), QStringLiteral("Queue entry id."));
    parser.addPositionalArgument(QStringLiteral("direction"), QStringLiteral("up (earlier) or down (later)."));
    context.parse(parser, args, QStringLiteral("Move a waiting entry one place earlier or later."));
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2 || (pos[1] != u"up" && pos[1] != u"down"))
        throw UsageError(QStringLiteral("queue move: give an entry id and up or down"));
    const qint64 id = parseId(pos[0], QStringLiteral("queue entry"));
    const bool moved = QueueStore(context.workspace()).move(id, pos[1] == u"up" ? -1 : +1);
    context.print(QJsonObject{{QStringLiteral("moved"), moved}},
                  moved ? QStringLiteral("moved entry %1 %2").arg(id).arg(pos[1])
                        : QStringLiteral("entry %1 is already %2").arg(id).arg(pos[1] == u"up" ? "first" : "last"));
    return ExitDone;
}

int cmdQueuePriority(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("entry"), QStringLiteral("Queue entry id."));
    parser.addPositionalArgument(QStringLiteral("priority"), QStringLiteral("Higher runs first."));
    context.parse(parser, args, QStringLiteral("Set the priority of a waiting entry."));
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        throw UsageError(QStringLiteral("queue priority: give an entry id and a priority"));
    const qint64 id = parseId(pos[0], QStringLiteral("queue entry"));
    const QueueStore queue(context.workspace());
    queue.setPriority(id, parseInt(pos[1], QStringLiteral("priority")));
    context.print(queue.require(id).toJson(), QStringLiteral("entry %1 now has priority %2").arg(id).arg(pos[1]));
    return ExitDone;
}

int cmdQueueHold(CliContext &context, const QStringList &args)
{
    return changeEntries(context, args, QStringLiteral("Hold waiting entries: they keep their place but do not start."),
                         [](const QueueStore &q, qint64 id) { q.setHeld(id, true); });
}

int cmdQueueRelease(CliContext &context, const QStringList &args)
{
    return changeEntries(context, args, QStringLiteral("Release held entries."),
                         [](const QueueStore &q, qint64 id) { q.setHeld(id, false); });
}

int cmdQueuePause(CliContext &context, const QStringList &args)
{
    return setQueuePaused(context, args, true);
}

int cmdQueueResume(CliContext &context, const QStringList &args)
{
    return setQueuePaused(context, args, false);
}

} // namespace mlwb
