#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "jobs/TrainJob.h"
#include "store/RunStore.h"

#include <QJsonArray>

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

} // namespace

int cmdTrain(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")}, QStringLiteral("Data set version: id, id prefix or name (default: mnist)."), QStringLiteral("ref"), QStringLiteral("mnist"));
    TrainSettingsOptions settingsOptions(parser);
    const QCommandLineOption minF1(QStringLiteral("min-f1"), QStringLiteral("Exit with 3 when the test macro-F1 is below this."), QStringLiteral("f1"));
    parser.addOptions({data, minF1});
    context.parse(parser, args, QStringLiteral("Train a model; registers the trained model version with its evaluation."));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("train: unexpected argument '%1'").arg(parser.positionalArguments().first()));
    TrainJob::Params params;
    params.datasetRef = parser.value(data);
    params.settings = settingsOptions.settings(parser);
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
