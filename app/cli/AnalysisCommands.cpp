// Commands that look at models side by side or at their data: models compare (with ids),
// models import, label-errors.
#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/ModelRef.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "evaluation/SampleSelection.h"
#include "jobs/EvaluateJob.h"
#include "jobs/ModelComparison.h"
#include "jobs/ModelImport.h"
#include "registry/ModelRegistry.h"
#include "store/LabelFlagStore.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace mlwb {

namespace {

// McNemar's p can underflow to 0 for thousands of one-sided disagreements.
QString formatP(double p)
{
    if (p < 1e-300)
        return QStringLiteral("<1e-300");
    return p >= 0.001 ? QString::number(p, 'f', 3) : QString::number(p, 'e', 1);
}

// A person's verdict on one pair: McNemar's test at the 5% level.
QString pairVerdict(const ModelComparison &c, const ModelComparison::Pair &pair)
{
    const qint64 a = c.models[pair.a].model.id, b = c.models[pair.b].model.id;
    const PairedOutcome &o = pair.outcome;
    const QString p = o.pValue < 1e-300 ? QStringLiteral("p < 1e-300") : QStringLiteral("p = ") + formatP(o.pValue);
    if (o.pValue < 0.05)
        return QStringLiteral("model %1 vs model %2: model %3 is better (%4)").arg(a).arg(b).arg(o.onlyA > o.onlyB ? a : b).arg(p);
    return QStringLiteral("model %1 vs model %2: no significant difference (%3)").arg(a).arg(b).arg(p);
}

QString comparisonText(const ModelComparison &c)
{
    const qint64 samples = c.models.first().samples->size();
    QString text = QStringLiteral("On the test split of data set %1 (%2 samples):\n\n").arg(c.datasetId.left(12)).arg(samples);
    text += QStringLiteral("  model  architecture  accuracy  macro-F1  weighted-F1  parameters\n");
    for (const OpenedEvaluation &m : c.models) {
        const ClassificationReport &r = m.samples->report;
        text += QStringLiteral("  %1  %2  %3  %4  %5  %6\n")
                    .arg(m.model.id, 5).arg(m.model.architecture.left(12), -12).arg(r.accuracy, 8, 'f', 4)
                    .arg(r.macroF1, 8, 'f', 4).arg(r.weightedF1, 11, 'f', 4).arg(m.model.parameterCount, 10);
    }

    qsizetype nameWidth = 5;
    for (const QString &name : c.classNames)
        nameWidth = std::max(nameWidth, name.size());
    text += QStringLiteral("\nF1 per class\n  %1").arg(QStringLiteral("class"), -int(nameWidth));
    for (const OpenedEvaluation &m : c.models)
        text += QStringLiteral("  %1").arg(QStringLiteral("model %1").arg(m.model.id), 9);
    text += u'\n';
    for (qsizetype k = 0; k < c.classNames.size(); ++k) {
        text += QStringLiteral("  %1").arg(c.classNames[k], -int(nameWidth));
        for (const OpenedEvaluation &m : c.models)
            text += QStringLiteral("  %1").arg(m.samples->report.perClass[size_t(k)].f1, 9, 'f', 4);
        text += u'\n';
    }

    text += QStringLiteral("\nPairs (McNemar's exact test on the samples only one of the two got right)\n"
                           "      A      B  both right  only A  only B  both wrong  disagree  p-value\n");
    for (const ModelComparison::Pair &pair : c.pairs) {
        const PairedOutcome &o = pair.outcome;
        text += QStringLiteral("  %1  %2  %3  %4  %5  %6  %7  %8\n")
                    .arg(c.models[pair.a].model.id, 5).arg(c.models[pair.b].model.id, 5).arg(o.bothRight, 10)
                    .arg(o.onlyA, 6).arg(o.onlyB, 6).arg(o.bothWrong, 10).arg(o.disagreements, 8)
                    .arg(formatP(o.pValue), 7);
    }
    text += u'\n';
    for (const ModelComparison::Pair &pair : c.pairs)
        text += pairVerdict(c, pair) + u'\n';
    for (const QString &note : c.notes)
        text += QStringLiteral("Note: %1\n").arg(note);
    return text;
}

int printComparison(CliContext &context, const QStringList &refs, const QString &datasetRef)
{
    if (refs.size() < 2 || refs.size() > 4)
        throw UsageError(QStringLiteral("models compare: give 2 to 4 model ids (or none for the ranked list), not %1")
                             .arg(refs.size()));
    QList<qint64> ids;
    for (const QString &ref : refs)
        ids << resolveModel(context, ref).id;
    ModelComparison comparison;
    Workspace &workspace = context.workspace();
    runInCli(QStringLiteral("compare models"), QStringLiteral("evaluating the models missing a stored evaluation"), [&](const ProgressFn &progress, const CancelFlag &cancel) {
        comparison = compareModels(workspace, ids, datasetRef, 0, progress, &cancel);
    });
    context.print(comparison.toJson(), comparisonText(comparison));
    return ExitDone;
}

// "305,306" (the option may also be repeated) → sample indices.
QList<qint64> indicesFrom(const QStringList &values, const QString &option)
{
    QList<qint64> indices;
    for (const QString &value : values)
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 index = part.trimmed().toLongLong(&ok);
            if (!ok || index < 0)
                throw UsageError(QStringLiteral("--%1: '%2' is not a sample index").arg(option, part));
            indices << index;
        }
    return indices;
}

// One evaluated sample as label-errors lists it.
QJsonObject sampleJson(const EvaluationResult &samples, qsizetype position, const QStringList &classes, bool flagged)
{
    const int label = samples.truth[size_t(position)], predicted = samples.predicted[size_t(position)];
    return {{QStringLiteral("index"), samples.indices[size_t(position)]},
            {QStringLiteral("label"), label},
            {QStringLiteral("class"), classes.value(label)},
            {QStringLiteral("predicted"), predicted},
            {QStringLiteral("predictedClass"), classes.value(predicted)},
            {QStringLiteral("pRecorded"), trueProbability(samples, position)},
            {QStringLiteral("flagged"), flagged}};
}

QString sampleLine(const QJsonObject &s)
{
    QString line = QStringLiteral("  %1  %2  %3  %4  %5")
        .arg(s[QStringLiteral("index")].toInteger(), 7).arg(s[QStringLiteral("class")].toString(), -12)
        .arg(s[QStringLiteral("predictedClass")].toString(), -12).arg(s[QStringLiteral("pRecorded")].toDouble(), 11, 'f', 4)
        .arg(s[QStringLiteral("flagged")].toBool() ? QStringLiteral("flagged") : QString());
    while (line.endsWith(u' ')) // no "flagged"
        line.chop(1);
    return line + u'\n';
}

const QString kSampleHeader = QStringLiteral("    index  recorded      predicted     p(recorded)\n");

} // namespace

int cmdModelsCompare(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("models"),
                                 QStringLiteral("2 to 4 model version ids (or 'production') to compare on one test set; none: every model, best macro-F1 first."),
                                 QStringLiteral("[A B [C D]]"));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")}, QStringLiteral("Data set version whose test split they are compared on (default: the first model's)."), QStringLiteral("ref"));
    parser.addOption(data);
    context.parse(parser, args, QStringLiteral("Without ids: model versions, best macro-F1 first (* = production). With 2 to 4 ids: their "
                                               "accuracy, F1 and per-class F1 on one test split, and per pair where they disagree, with "
                                               "McNemar's exact test of whether one is better. Stored evaluations are reused."));
    const QStringList refs = parser.positionalArguments();
    if (refs.isEmpty()) {
        if (parser.isSet(data))
            throw UsageError(QStringLiteral("models compare: --data needs the model ids to compare"));
        return printModelVersions(context, true);
    }
    return printComparison(context, refs, parser.value(data));
}

int cmdModelsImport(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("TorchScript file (torch.jit.save)."));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")}, QStringLiteral("Data set version the model classifies (required): its classes and image size."), QStringLiteral("ref"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Architecture name to list it under (default: torchscript)."), QStringLiteral("name"));
    parser.addOptions({data, name});
    context.parse(parser, args, QStringLiteral("Register a TorchScript classifier made elsewhere as a model version. It takes N×C×H×W floats "
                                               "in [0, 1] of the data set's size and returns N × classes logits or probabilities; it is "
                                               "evaluated on the data set's test split first, and nothing is stored when it does not fit."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("models import: give one TorchScript file"));
    if (!parser.isSet(data))
        throw UsageError(QStringLiteral("models import: --data names the data set version the model classifies"));
    const QString file = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    ModelVersion model;
    Workspace &workspace = context.workspace();
    runInCli(QStringLiteral("import %1").arg(QFileInfo(file).fileName()), QStringLiteral("evaluating on the test split"), [&](const ProgressFn &progress, const CancelFlag &cancel) {
        model = importModel(workspace, file, parser.value(data), parser.value(name), 0, progress, &cancel);
    });
    context.print(QJsonObject{{QStringLiteral("model"), model.id},
                              {QStringLiteral("architecture"), model.architecture},
                              {QStringLiteral("dataset"), model.datasetId},
                              {QStringLiteral("parameters"), model.parameterCount},
                              {QStringLiteral("accuracy"), model.accuracy},
                              {QStringLiteral("macroF1"), model.macroF1},
                              {QStringLiteral("weightedF1"), model.weightedF1},
                              {QStringLiteral("file"), file}},
                  QStringLiteral("imported %1 as model %2 (%3 parameters): accuracy %4, macro-F1 %5 on the test split of data set %6")
                      .arg(file).arg(model.id).arg(model.parameterCount).arg(model.accuracy, 0, 'f', 4)
                      .arg(model.macroF1, 0, 'f', 4).arg(model.datasetId.left(12)));
    return ExitDone;
}

int cmdLabelErrors(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("Model version id or 'production' (default)."));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")}, QStringLiteral("Data set version (default: the one the model was trained on)."), QStringLiteral("ref"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("How many of the ranking to list (default 20; 0: all)."), QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption flag(QStringLiteral("flag"), QStringLiteral("Flag these test samples as suspected label errors (comma-separated indices)."), QStringLiteral("indices"));
    const QCommandLineOption unflag(QStringLiteral("unflag"), QStringLiteral("Remove the flag from these samples (comma-separated indices)."), QStringLiteral("indices"));
    parser.addOptions({data, limit, flag, unflag});
    context.parse(parser, args, QStringLiteral("The test samples whose recorded label the model believes least (lowest probability first), "
                                               "where label errors hide, and the samples flagged as suspected label errors. Flagging "
                                               "changes no data set version."));
    if (parser.positionalArguments().size() > 1)
        throw UsageError(QStringLiteral("label-errors: give at most one model"));
    const int count = parseInt(parser.value(limit), QStringLiteral("limit"));
    if (count < 0)
        throw UsageError(QStringLiteral("--limit: %1 is negative").arg(count));
    const QList<qint64> toFlag = indicesFrom(parser.values(flag), QStringLiteral("flag"));
    const QList<qint64> toUnflag = indicesFrom(parser.values(unflag), QStringLiteral("unflag"));
    for (const qint64 index : toFlag)
        if (toUnflag.contains(index))
            throw UsageError(QStringLiteral("label-errors: sample %1 is given to both --flag and --unflag").arg(index));

    const ResolvedModel model = resolveModel(context, parser.positionalArguments().value(0, kProductionAlias));
    EvaluateJob::Params params;
    params.modelId = model.id;
    params.datasetRef = parser.value(data);
    EvaluateJob job(context.workspaceShared(), params);
    runJobInCli(job);
    const OpenedEvaluation &opened = job.result().opened;
    const EvaluationResult &samples = *opened.samples;
    const QString datasetId = opened.record.datasetId;

    QHash<qint64, qsizetype> positionOf;
    for (qsizetype p = 0; p < samples.size(); ++p)
        positionOf.insert(samples.indices[size_t(p)], p);
    for (const QList<qint64> *given : {&toFlag, &toUnflag})
        for (const qint64 index : *given)
            if (!positionOf.contains(index))
                throw UsageError(QStringLiteral("label-errors: %1 is not a test sample of data set %2 (its test split has %3 samples, "
                                                "indices %4 to %5)")
                                     .arg(index).arg(datasetId.left(12)).arg(samples.size())
                                     .arg(samples.indices.front()).arg(samples.indices.back()));
    const LabelFlagStore flags(context.workspace());
    if (!toFlag.isEmpty())
        flags.flag(datasetId, toFlag, model.id);
    if (!toUnflag.isEmpty())
        flags.unflag(datasetId, toUnflag);

    const QSet<qint64> flaggedSet = flags.flaggedIndices(datasetId);
    QJsonArray flagged;
    QString flaggedText;
    for (const LabelFlag &f : flags.list(datasetId)) {
        QJsonObject o = positionOf.contains(f.sampleIndex)
                            ? sampleJson(samples, positionOf.value(f.sampleIndex), opened.classNames, true)
                            : QJsonObject{{QStringLiteral("index"), f.sampleIndex}, {QStringLiteral("flagged"), true}};
        o[QStringLiteral("flaggedAt")] = f.toJson().value(QStringLiteral("flagged"));
        o[QStringLiteral("flaggedInModel")] = f.modelId ? QJsonValue(*f.modelId) : QJsonValue();
        o[QStringLiteral("note")] = f.note;
        flagged.append(o);
        flaggedText += sampleLine(o);
    }
    QJsonArray ranked;
    QString rankedText;
    for (const qsizetype p : labelErrorRanking(samples, count == 0 ? -1 : count)) {
        const QJsonObject o = sampleJson(samples, p, opened.classNames, flaggedSet.contains(samples.indices[size_t(p)]));
        ranked.append(o);
        rankedText += sampleLine(o);
    }

    QString text = QStringLiteral("Model %1 on the test split of data set %2 (%3 samples)\n\n")
                       .arg(model.id).arg(datasetId.left(12)).arg(samples.size());
    text += flagged.isEmpty() ? QStringLiteral("No sample is flagged as a suspected label error.\n")
                              : QStringLiteral("Flagged as suspected label errors (%1)\n").arg(flagged.size()) + kSampleHeader + flaggedText;
    text += QStringLiteral("\nLowest probability of the recorded label first\n") + kSampleHeader + rankedText;
    context.print(QJsonObject{{QStringLiteral("model"), model.id},
                              {QStringLiteral("dataset"), datasetId},
                              {QStringLiteral("flagged"), flagged},
                              {QStringLiteral("ranked"), ranked}},
                  text);
    return ExitDone;
}

} // namespace mlwb
