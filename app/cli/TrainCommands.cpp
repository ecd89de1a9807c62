#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "jobs/AutoTune.h"
#include "jobs/TrainJob.h"
#include "registry/ModelRegistry.h"
#include "store/RunStore.h"

#include <QJsonArray>
#include <QTextStream>
#include <cstdio>
#include <unistd.h>

namespace mlwb {

namespace {

QString trainingSummary(const TrainJob::Result &r)
{
    QString text;
    for (const EpochMetrics &m : r.training.epochs)
        text += QStringLiteral("epoch %1: loss %2  train acc %3  val loss %4  val acc %5  %6 img/s  %7 s\n")
                    .arg(m.epoch).arg(m.trainLoss, 0, 'f', 4).arg(m.trainAccuracy, 0, 'f', 4)
                    .arg(m.validationLoss, 0, 'f', 4).arg(m.validationAccuracy, 0, 'f', 4)
                    .arg(m.imagesPerSecond).arg(m.seconds, 0, 'f', 1);
    const QJsonObject report = r.evaluation.value(QStringLiteral("report")).toObject();
    text += QStringLiteral("run %1 → model %2: test accuracy %3, macro-F1 %4, %5 parameters, %6 s\n")
                .arg(r.runId).arg(r.modelId.value_or(0))
                .arg(report.value(QStringLiteral("accuracy")).toDouble(), 0, 'f', 4)
                .arg(report.value(QStringLiteral("macroF1")).toDouble(), 0, 'f', 4)
                .arg(r.training.parameterCount).arg(r.seconds, 0, 'f', 1);
    return text;
}

QJsonObject trainingJson(const TrainJob::Result &r)
{
    QJsonArray epochs;
    for (const EpochMetrics &m : r.training.epochs)
        epochs.append(m.toJson());
    const QJsonObject report = r.evaluation.value(QStringLiteral("report")).toObject();
    return {{QStringLiteral("run"), r.runId},
            {QStringLiteral("model"), r.modelId ? QJsonValue(*r.modelId) : QJsonValue()},
            {QStringLiteral("parameters"), r.training.parameterCount},
            {QStringLiteral("epochs"), epochs},
            {QStringLiteral("accuracy"), report.value(QStringLiteral("accuracy"))},
            {QStringLiteral("macroF1"), report.value(QStringLiteral("macroF1"))},
            {QStringLiteral("evaluation"), r.evaluation},
            {QStringLiteral("seconds"), r.seconds}};
}

int runTraining(CliContext &context, const TrainJob::Params &params, std::optional<double> minF1)
{
    TrainJob job(context.workspaceShared(), params);
    runJobInCli(job);
    const TrainJob::Result &result = job.result();
    context.print(trainingJson(result), trainingSummary(result));
    const double f1 = result.evaluation.value(QStringLiteral("report")).toObject().value(QStringLiteral("macroF1")).toDouble();
    if (minF1 && f1 < *minF1)
        throw GateNotMet(QStringLiteral("macro-F1 %1 is below --min-f1 %2 by %3")
                             .arg(f1, 0, 'f', 4).arg(*minF1, 0, 'f', 4).arg(*minF1 - f1, 0, 'f', 4));
    return ExitDone;
}

// The options of `train --auto-tune`: the search that follows a run below the gate.
class AutoTuneOptions {
public:
    explicit AutoTuneOptions(QCommandLineParser &parser)
        : autoTune(QStringLiteral("auto-tune"), QStringLiteral("When the model misses the promotion gate, search hyper-parameters until a trial passes or the budget ends (exit 3).")),
          budgetTrials(QStringLiteral("budget-trials"), QStringLiteral("Auto-tune: at most this many trials (default 8)."), QStringLiteral("n"), QStringLiteral("8")),
          budgetMinutes(QStringLiteral("budget-minutes"), QStringLiteral("Auto-tune: start no trial after this many minutes (default: no limit)."), QStringLiteral("m")),
          search(QStringLiteral("search"), QStringLiteral("Auto-tune: random or grid (default random)."), QStringLiteral("strategy"), QStringLiteral("random")),
          seed(QStringLiteral("tune-seed"), QStringLiteral("Auto-tune: seed of the random draw (default 1)."), QStringLiteral("n"), QStringLiteral("1")),
          rates(QStringLiteral("tune-lr"), QStringLiteral("Auto-tune: learning rates to try (default 0.0003,0.001,0.003,0.01)."), QStringLiteral("list")),
          optimizers(QStringLiteral("tune-optimizer"), QStringLiteral("Auto-tune: optimizers to try (default adam,sgd)."), QStringLiteral("list")),
          batchSizes(QStringLiteral("tune-batch-size"), QStringLiteral("Auto-tune: batch sizes to try (default 64,128,256)."), QStringLiteral("list")),
          epochs(QStringLiteral("tune-epochs"), QStringLiteral("Auto-tune: epoch counts to try (default 1,2,3)."), QStringLiteral("list"))
    {
        parser.addOptions({autoTune, budgetTrials, budgetMinutes, search, seed, rates, optimizers, batchSizes, epochs});
    }

    bool enabled(const QCommandLineParser &p) const
    {
        if (p.isSet(autoTune))
            return true;
        for (const QCommandLineOption *o : {&budgetTrials, &budgetMinutes, &search, &seed, &rates, &optimizers, &batchSizes, &epochs})
            if (p.isSet(*o))
                throw UsageError(QStringLiteral("train: --%1 needs --auto-tune").arg(o->names().constLast()));
        return false;
    }

    // The search around `base`, checked (planTrials) before anything is trained.
    AutoTuneSettings settings(const QCommandLineParser &p, const TrainSettings &base, double minF1) const
    {
        AutoTuneSettings s;
        s.base = base;
        s.minMacroF1 = minF1;
        s.budgetTrials = parseInt(p.value(budgetTrials), QStringLiteral("budget-trials"));
        if (p.isSet(budgetMinutes)) {
            s.budgetMinutes = parseDouble(p.value(budgetMinutes), QStringLiteral("budget-minutes"));
            if (!(s.budgetMinutes > 0))
                throw UsageError(QStringLiteral("--budget-minutes: give a positive number of minutes, got %1").arg(p.value(budgetMinutes)));
        }
        const std::optional<AutoTuneSettings::Strategy> strategy = autoTuneStrategyFromString(p.value(search));
        if (!strategy)
            throw UsageError(QStringLiteral("--search: '%1' is neither random nor grid").arg(p.value(search)));
        s.strategy = *strategy;
        bool ok = false;
        s.seed = p.value(seed).toULongLong(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--tune-seed: '%1' is not a non-negative whole number").arg(p.value(seed)));
        list(p, rates, s.space.learningRates, parseDouble);
        list(p, optimizers, s.space.optimizers, [](const QString &word, const QString &) { return word; });
        list(p, batchSizes, s.space.batchSizes, parseInt);
        list(p, epochs, s.space.epochs, parseInt);
        planTrials(s); // bad values are refused now, not after the first training
        return s;
    }

private:
    template <typename List, typename Parse>
    static void list(const QCommandLineParser &p, const QCommandLineOption &o, List &values, Parse parse)
    {
        if (!p.isSet(o))
            return;
        values.clear();
        for (const QString &word : p.value(o).split(u',', Qt::SkipEmptyParts))
            values << parse(word.trimmed(), o.names().constLast());
        if (values.isEmpty())
            throw UsageError(QStringLiteral("--%1: give at least one value").arg(o.names().constLast()));
    }

    QCommandLineOption autoTune, budgetTrials, budgetMinutes, search, seed, rates, optimizers, batchSizes, epochs;
};

QString trialLine(const AutoTuneJob::Trial &t)
{
    const TrainSettings &s = t.settings;
    QString line = QStringLiteral("trial %1: lr %2, %3, batch %4, %5 epoch(s)")
                       .arg(t.number).arg(s.learningRate, 0, 'g', 6).arg(s.optimizer).arg(s.batchSize).arg(s.epochs);
    if (!t.modelId)
        return line + QStringLiteral(" → failed: %1").arg(t.error);
    return line + QStringLiteral(" → run %1, model %2, macro-F1 %3 — %4")
                      .arg(t.runId).arg(*t.modelId).arg(t.macroF1, 0, 'f', 4)
                      .arg(t.passed ? QStringLiteral("passes the gate") : QStringLiteral("fails: ") + t.gateFailures.join(QStringLiteral("; ")));
}

QJsonObject trialJson(const AutoTuneJob::Trial &t)
{
    QJsonObject json{{QStringLiteral("number"), t.number},
                     {QStringLiteral("settings"), t.settings.toJson()},
                     {QStringLiteral("queueEntry"), t.queueEntryId},
                     {QStringLiteral("run"), t.runId > 0 ? QJsonValue(t.runId) : QJsonValue()},
                     {QStringLiteral("model"), t.modelId ? QJsonValue(*t.modelId) : QJsonValue()},
                     {QStringLiteral("macroF1"), qIsFinite(t.macroF1) ? QJsonValue(t.macroF1) : QJsonValue()},
                     {QStringLiteral("passed"), t.passed},
                     {QStringLiteral("gateFailures"), QJsonArray::fromStringList(t.gateFailures)},
                     {QStringLiteral("seconds"), t.seconds}};
    if (!t.error.isEmpty())
        json.insert(QStringLiteral("error"), t.error);
    return json;
}

// A line on stdout while the progress line may be live on stderr: clear that first.
void printNow(const QString &line)
{
    if (isatty(STDERR_FILENO))
        std::fputs("\r\033[K", stderr);
    QTextStream(stdout) << line << "\n";
}

// `train --auto-tune`: the run as asked; below the gate, the search around its settings.
int trainAndTune(CliContext &context, const TrainJob::Params &params, const AutoTuneOptions &options,
                 const QCommandLineParser &parser, std::optional<double> minF1Option)
{
    const ModelRegistry registry(context.workspace());
    Gates gates = registry.gates();
    gates.minMacroF1 = minF1Option.value_or(gates.minMacroF1);
    if (!(gates.minMacroF1 >= 0 && gates.minMacroF1 <= 1))
        throw UsageError(QStringLiteral("--min-f1: give a macro-F1 in [0, 1], got %1").arg(gates.minMacroF1));
    AutoTuneSettings tune = options.settings(parser, params.settings, gates.minMacroF1);

    TrainJob train(context.workspaceShared(), params);
    runJobInCli(train);
    const TrainJob::Result &trained = train.result();
    QJsonObject json{{QStringLiteral("run"), trainingJson(trained)}};
    if (!context.json())
        printNow(trainingSummary(trained).trimmed());
    const ModelVersion model = registry.require(trained.modelId.value_or(0));
    const QStringList failures = gateFailures(model, gates);
    if (failures.isEmpty()) {
        json.insert(QStringLiteral("trials"), QJsonArray());
        json.insert(QStringLiteral("best"), QJsonValue());
        json.insert(QStringLiteral("passed"), true);
        json.insert(QStringLiteral("stopReason"), QStringLiteral("passed"));
        context.print(json, QStringLiteral("model %1 passes the gate (macro-F1 %2 ≥ %3): no search needed; "
                                           "promote with `mlwb promote %1`")
                                .arg(model.id).arg(model.macroF1, 0, 'f', 4).arg(gates.minMacroF1, 0, 'f', 4));
        return ExitDone;
    }

    tune.datasetRef = RunStore(context.workspace()).require(trained.runId).datasetId;
    AutoTuneJob search(context.workspaceShared(), tune);
    if (!context.json()) {
        printNow(QStringLiteral("model %1 misses the gate: %2\nauto-tuning: up to %3 trial(s), %4 search")
                     .arg(model.id).arg(failures.join(QStringLiteral("; "))).arg(tune.budgetTrials)
                     .arg(autoTuneStrategyName(tune.strategy)));
        // Each line as its trial ends (the signal comes from the job's thread; printed on this one).
        QObject::connect(&search, &AutoTuneJob::trialFinished, &search, [&search](int number) {
            for (const AutoTuneJob::Trial &t : search.trials())
                if (t.number == number)
                    printNow(trialLine(t));
        }, Qt::QueuedConnection);
    }
    runJobInCli(search);
    const AutoTuneJob::Result &r = search.result();

    QJsonArray trials;
    for (const AutoTuneJob::Trial &t : r.trials)
        trials.append(trialJson(t));
    json.insert(QStringLiteral("trials"), trials);
    json.insert(QStringLiteral("best"), r.best >= 0 ? QJsonValue(r.trials[r.best].number) : QJsonValue());
    json.insert(QStringLiteral("passed"), r.passed);
    json.insert(QStringLiteral("stopReason"), r.stopReason);
    QString text = QStringLiteral("the search stopped: %1 (%2 trial(s))\n").arg(r.stopReason).arg(r.trials.size());
    if (r.best < 0) {
        text += QStringLiteral("best: none — no trial made a model");
    } else {
        const AutoTuneJob::Trial &best = r.trials[r.best];
        text += QStringLiteral("best: trial %1, model %2, macro-F1 %3 — %4")
                    .arg(best.number).arg(*best.modelId).arg(best.macroF1, 0, 'f', 4)
                    .arg(best.passed ? QStringLiteral("passes the gate; promote with `mlwb promote %1`").arg(*best.modelId)
                                     : QStringLiteral("below the gate"));
    }
    context.print(json, text);
    if (!r.passed)
        throw GateNotMet(QStringLiteral("no trial reached the gate (minimum macro-F1 %1): %2")
                             .arg(gates.minMacroF1, 0, 'f', 4).arg(r.stopReason));
    return ExitDone;
}

} // namespace

int cmdTrain(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")}, QStringLiteral("Data set version: id, id prefix or name (default: mnist)."), QStringLiteral("ref"), QStringLiteral("mnist"));
    TrainSettingsOptions settingsOptions(parser);
    const QCommandLineOption minF1(QStringLiteral("min-f1"), QStringLiteral("Exit with 3 when the test macro-F1 is below this (with --auto-tune: the gate to reach; default the workspace's)."), QStringLiteral("f1"));
    parser.addOptions({data, minF1});
    const AutoTuneOptions tuneOptions(parser);
    context.parse(parser, args, QStringLiteral("Train a model; registers the trained model version with its evaluation."));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("train: unexpected argument '%1'").arg(parser.positionalArguments().first()));
    TrainJob::Params params;
    params.datasetRef = parser.value(data);
    params.settings = settingsOptions.settings(parser);
    if (tuneOptions.enabled(parser))
        return trainAndTune(context, params, tuneOptions, parser, optionalDouble(parser, minF1));
    return runTraining(context, params, optionalDouble(parser, minF1));
}

int cmdRunsResume(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("Run id."));
    context.parse(parser, args, QStringLiteral("Resume an interrupted, failed or cancelled run from its last checkpoint."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("runs resume: give one run id"));
    TrainJob::Params params;
    params.resumeRunId = parseId(parser.positionalArguments().first(), QStringLiteral("run"));
    return runTraining(context, params, std::nullopt);
}

int cmdRunsList(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    context.parse(parser, args, QStringLiteral("List training runs, newest first."));
    RunStore runs(context.workspace());
    runs.recoverInterruptedRuns();
    QJsonArray json;
    QString text;
    for (const RunRecord &r : runs.list()) {
        json.append(r.toJson());
        text += QStringLiteral("%1  %2  %3  data %4  epochs %5/%6  model %7%8\n")
                    .arg(r.id, 4).arg(runStatusName(r.status), -11).arg(r.architecture, -6).arg(r.datasetId.left(12))
                    .arg(r.epochsDone).arg(r.settings.value(QStringLiteral("epochs")).toInt())
                    .arg(r.modelId ? QString::number(*r.modelId) : QStringLiteral("-"))
                    .arg(r.error.isEmpty() ? QString() : QStringLiteral("  error: ") + r.error);
    }
    context.print(json, text.isEmpty() ? QStringLiteral("no runs yet: `mlwb train`") : text);
    return ExitDone;
}

} // namespace mlwb
