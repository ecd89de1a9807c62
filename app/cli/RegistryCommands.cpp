#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/ModelRef.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "evaluation/PredictionsCsv.h"
#include "cli/EvaluationText.h"
#include "jobs/EvaluateJob.h"
#include "jobs/Promotion.h"
#include "registry/ModelRegistry.h"

#include <QFileInfo>
#include <QJsonArray>

namespace mlwb {

ResolvedModel resolveModel(CliContext &context, const QString &ref)
{
    ModelRegistry registry(context.workspace());
    if (ref == kProductionAlias) {
        const auto production = registry.production();
        if (!production)
            throw UsageError(QStringLiteral("no model is in production yet: `mlwb promote MODEL_ID` first, or give --model ID"));
        return {production->id, context.workspace().absolute(production->path)};
    }
    const ModelVersion model = registry.require(parseId(ref, QStringLiteral("model")));
    return {model.id, context.workspace().absolute(model.path)};
}

namespace {

QString modelLine(const ModelVersion &m, std::optional<qint64> productionId)
{
    return QStringLiteral("%1%2  %3  macro-F1 %4  accuracy %5  %6 params  run %7  data %8  %9")
        .arg(m.id, 4).arg(productionId == m.id ? QStringLiteral(" *") : QStringLiteral("  "))
        .arg(m.architecture, -6).arg(m.macroF1, 0, 'f', 4).arg(m.accuracy, 0, 'f', 4)
        .arg(m.parameterCount, 7).arg(m.runId ? QString::number(*m.runId) : QStringLiteral("-"))
        .arg(m.datasetId.left(12)).arg(m.created.toLocalTime().toString(Qt::ISODate));
}

Gates gatesFromOptions(const QCommandLineParser &parser, const QCommandLineOption &minF1,
                       const QCommandLineOption &maxParams, Gates gates)
{
    if (const auto f1 = optionalDouble(parser, minF1))
        gates.minMacroF1 = *f1;
    if (parser.isSet(maxParams))
        gates.maxParameters = parseId(parser.value(maxParams), QStringLiteral("parameter count"));
    return gates;
}

} // namespace

int printModelVersions(CliContext &context, bool bestFirst)
{
    ModelRegistry registry(context.workspace());
    const auto production = registry.production();
    const std::optional<qint64> productionId = production ? std::optional<qint64>(production->id) : std::nullopt;
    QJsonArray json;
    QString text;
    int rank = 0;
    for (const ModelVersion &m : bestFirst ? registry.compare() : registry.list()) {
        QJsonObject o = m.toJson();
        o.remove(QStringLiteral("evaluation"));
        o[QStringLiteral("production")] = productionId == m.id;
        if (bestFirst)
            o[QStringLiteral("rank")] = ++rank;
        json.append(o);
        text += modelLine(m, productionId) + u'\n';
    }
    context.print(json, text.isEmpty() ? QStringLiteral("no models yet: `mlwb train`") : text);
    return ExitDone;
}

int cmdModelsList(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    context.parse(parser, args, QStringLiteral("Model versions, newest first (* = production)."));
    return printModelVersions(context, false);
}

int cmdPromote(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("Model version id, or 'best' (highest macro-F1)."));
    const QCommandLineOption minF1(QStringLiteral("min-f1"), QStringLiteral("Gate: minimum macro-F1 (default: the workspace's)."), QStringLiteral("f1"));
    const QCommandLineOption maxParams(QStringLiteral("max-params"), QStringLiteral("Gate: maximum parameter count (default: the workspace's)."), QStringLiteral("n"));
    const QCommandLineOption noBeat(QStringLiteral("no-beat-production"), QStringLiteral("Skip the gate 'must beat production' this once."));
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("Why (kept in the history)."), QStringLiteral("text"));
    parser.addOptions({minF1, maxParams, noBeat, note});
    context.parse(parser, args, QStringLiteral("Move the production alias to a model version that passes the gates (exit 3 when one fails). "
                                               "Unless --no-beat-production or `mlwb gates --beat-production off`, it must also have a higher "
                                               "macro-F1 than production on its own data set's test split (both are evaluated there)."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("promote: give one model version id, or 'best'"));
    ModelRegistry registry(context.workspace());
    qint64 id = 0;
    if (parser.positionalArguments().first() == u"best") {
        const auto ranked = registry.compare();
        if (ranked.isEmpty())
            throw UsageError(QStringLiteral("promote best: there are no model versions yet"));
        id = ranked.first().id;
    } else {
        id = parseId(parser.positionalArguments().first(), QStringLiteral("model"));
    }
    Gates gates = gatesFromOptions(parser, minF1, maxParams, registry.gates());
    if (parser.isSet(noBeat))
        gates.mustBeatProduction = false;
    const auto result = promoteThroughGates(context.workspace(), id, gates, parser.value(note));
    context.print(QJsonObject{{QStringLiteral("model"), id},
                              {QStringLiteral("changed"), result.changed},
                              {QStringLiteral("previous"), result.previousModelId ? QJsonValue(*result.previousModelId) : QJsonValue()},
                              {QStringLiteral("gates"), gates.toJson()},
                              {QStringLiteral("message"), result.message}},
                  result.message);
    return ExitDone;
}

int cmdRollback(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("Why (kept in the history)."), QStringLiteral("text"));
    parser.addOption(note);
    context.parse(parser, args, QStringLiteral("Return production to the model version it had before."));
    const ModelVersion now = ModelRegistry(context.workspace()).rollback(kProductionAlias, parser.value(note));
    context.print(QJsonObject{{QStringLiteral("model"), now.id}},
                  QStringLiteral("production is model %1 again (macro-F1 %2)").arg(now.id).arg(now.macroF1, 0, 'f', 4));
    return ExitDone;
}

int cmdGates(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption minF1(QStringLiteral("min-f1"), QStringLiteral("Set the minimum macro-F1."), QStringLiteral("f1"));
    const QCommandLineOption maxParams(QStringLiteral("max-params"), QStringLiteral("Set the maximum parameter count."), QStringLiteral("n"));
    const QCommandLineOption beat(QStringLiteral("beat-production"), QStringLiteral("Whether a candidate must have a higher macro-F1 than production on its test split: on or off."), QStringLiteral("on|off"));
    const QCommandLineOption history(QStringLiteral("history"), QStringLiteral("Also list the production history."));
    parser.addOptions({minF1, maxParams, beat, history});
    context.parse(parser, args, QStringLiteral("Show or set the workspace's promotion gates."));
    ModelRegistry registry(context.workspace());
    if (parser.isSet(minF1) || parser.isSet(maxParams) || parser.isSet(beat)) {
        Gates changed = gatesFromOptions(parser, minF1, maxParams, registry.gates());
        if (parser.isSet(beat)) {
            const QString value = parser.value(beat);
            if (value != u"on" && value != u"off")
                throw UsageError(QStringLiteral("gates: --beat-production takes on or off, not '%1'").arg(value));
            changed.mustBeatProduction = value == u"on";
        }
        registry.setGates(changed);
    }
    const Gates gates = registry.gates();
    QJsonObject json = gates.toJson();
    QString text = QStringLiteral("minimum macro-F1 %1, maximum parameters %2, must beat production: %3\n")
                       .arg(gates.minMacroF1, 0, 'f', 4).arg(gates.maxParameters)
                       .arg(gates.mustBeatProduction ? QStringLiteral("on") : QStringLiteral("off"));
    if (parser.isSet(history)) {
        QJsonArray events;
        for (const AliasEvent &e : registry.history()) {
            events.append(e.toJson());
            text += QStringLiteral("%1  %2 → model %3%4\n").arg(e.at.toLocalTime().toString(Qt::ISODate), e.action).arg(e.modelId)
                        .arg(e.note.isEmpty() ? QString() : QStringLiteral("  (") + e.note + u')');
        }
        json[QStringLiteral("history")] = events;
    }
    context.print(json, text);
    return ExitDone;
}

int cmdEval(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("Model version id or 'production' (default)."));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")}, QStringLiteral("Data set version to evaluate on (default: the one it was trained on)."), QStringLiteral("ref"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Write every test sample's prediction to this CSV (index, true, predicted, probabilities)."), QStringLiteral("file"));
    const QCommandLineOption failures(QStringLiteral("failures"), QStringLiteral("How many failure cases to print (default 10)."), QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption minF1(QStringLiteral("min-f1"), QStringLiteral("Exit with 3 when macro-F1 is below this."), QStringLiteral("f1"));
    const QCommandLineOption noRobustness(QStringLiteral("no-robustness"), QStringLiteral("Skip the corruption curves (noise, blur, shift, contrast, rotation) when they are not stored yet."));
    const QCommandLineOption recompute(QStringLiteral("recompute"), QStringLiteral("Run the model again even when the evaluation is stored."));
    parser.addOptions({data, csv, failures, minF1, noRobustness, recompute});
    context.parse(parser, args, QStringLiteral("Evaluate a model version on a test split: accuracy, per-class precision/recall/F1, confusion matrix, failures, accuracy under corruptions. Stored in the workspace: asking again reads it back."));
    if (parser.positionalArguments().size() > 1)
        throw UsageError(QStringLiteral("eval: give at most one model"));
    const ResolvedModel model = resolveModel(context, parser.positionalArguments().value(0, kProductionAlias));
    EvaluateJob::Params params;
    params.modelId = model.id;
    params.datasetRef = parser.value(data);
    params.robustness = !parser.isSet(noRobustness);
    params.recompute = parser.isSet(recompute);
    EvaluateJob job(context.workspaceShared(), params);
    runJobInCli(job);
    const EvaluateJob::Result &r = job.result();
    const EvaluationResult &samples = *r.opened.samples;
    if (parser.isSet(csv))
        writePredictionsCsv(QFileInfo(parser.value(csv)).absoluteFilePath(), samples, r.opened.classNames);
    QJsonObject json = r.opened.record.toJson();
    json[QStringLiteral("evaluation")] = r.opened.record.id;
    json[QStringLiteral("model")] = model.id;
    json[QStringLiteral("stored")] = !r.opened.computed;
    json[QStringLiteral("failures")] = failuresToJson(samples.failures, r.opened.classNames);
    context.print(json, formatEvaluation(r, parseInt(parser.value(failures), QStringLiteral("failures"))));
    const double f1 = samples.report.macroF1;
    if (const auto min = optionalDouble(parser, minF1); min && f1 < *min)
        throw GateNotMet(QStringLiteral("macro-F1 %1 is below --min-f1 %2 by %3").arg(f1, 0, 'f', 4).arg(*min, 0, 'f', 4).arg(*min - f1, 0, 'f', 4));
    return ExitDone;
}

} // namespace mlwb
