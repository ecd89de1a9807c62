// `mlwb data build --from-production`, `mlwb data lineage` and `mlwb retrain`: the continuous
// training loop, headless, so that a scheduler can run it.
#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "continuous/ProductionDataset.h"
#include "continuous/Retrain.h"
#include "jobs/Promotion.h"
#include "registry/ModelRegistry.h"

#include <QJsonArray>
#include <QTextStream>

namespace mlwb {

namespace {

struct BuildOptionSet {
    QCommandLineOption base{QStringLiteral("base"),
                            QStringLiteral("Base data set version (default: the production model's; a built one stands for its own base)."),
                            QStringLiteral("ref")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("Name of the new version (default: <base>+production)."),
                            QStringLiteral("name")};
    QCommandLineOption testFraction{QStringLiteral("test-fraction"),
                                    QStringLiteral("Share of labeled samples held back as the production test split (default 0.2)."),
                                    QStringLiteral("f")};
    QCommandLineOption weight{QStringLiteral("weight"),
                              QStringLiteral("Copies of each production training sample (default 0: automatic, about a tenth of the training images)."),
                              QStringLiteral("n")};
    QCommandLineOption seed{QStringLiteral("seed"), QStringLiteral("Seed of the held-back choice (default 0)."), QStringLiteral("n")};

    void addTo(QCommandLineParser &parser) const { parser.addOptions({base, name, testFraction, weight, seed}); }

    ProductionBuildOptions read(const QCommandLineParser &parser) const
    {
        ProductionBuildOptions options;
        options.baseRef = parser.value(base);
        options.name = parser.value(name);
        if (parser.isSet(testFraction))
            options.testFraction = parseDouble(parser.value(testFraction), QStringLiteral("--test-fraction"));
        if (parser.isSet(weight))
            options.weight = parseInt(parser.value(weight), QStringLiteral("--weight"));
        if (parser.isSet(seed))
            options.seed = quint64(parseInt(parser.value(seed), QStringLiteral("--seed")));
        return options;
    }
};

QString buildText(const ProductionBuild &build)
{
    QString text;
    QTextStream out(&text);
    out << (build.created ? "built " : "already stored: ") << build.dataset.name << ' ' << build.dataset.id.left(12) << '\n'
        << "  base             " << build.base.name << ' ' << build.base.id.left(12) << '\n'
        << "  production train " << build.lineage.trainSamples.size() << " samples x weight " << build.lineage.weight << '\n'
        << "  production test  " << build.lineage.testSamples.size() << " samples";
    if (build.productionTest)
        out << " (version " << build.productionTest->name << ' ' << build.productionTest->id.left(12) << ')';
    out << '\n' << "  images           " << build.dataset.trainCount << " train, " << build.dataset.testCount << " test";
    if (build.lineage.corrections > 0)
        out << '\n' << "  corrected labels " << build.lineage.corrections;
    if (build.discarded > 0 || build.incompatible > 0)
        out << '\n' << "  left out         " << build.discarded << " discarded, " << build.incompatible << " of another shape or class";
    return text;
}

// "production 0.9712 → new 0.9810 (+0.0098)" for one metric of a [production, new] comparison.
QString metricLine(const ModelComparison &comparison, const char *label, double (*pick)(const OpenedEvaluation &))
{
    const double before = pick(comparison.models[0]);
    const double after = pick(comparison.models[1]);
    return QStringLiteral("  %1 production %2 -> new %3 (%4%5)")
        .arg(QLatin1String(label), -9)
        .arg(before, 0, 'f', 4)
        .arg(after, 0, 'f', 4)
        .arg(after >= before ? QStringLiteral("+") : QString())
        .arg(after - before, 0, 'f', 4);
}

double accuracyOf(const OpenedEvaluation &e) { return e.record.accuracy; }
double macroF1Of(const OpenedEvaluation &e) { return e.record.macroF1; }

QString comparisonText(const QString &title, const ModelComparison &comparison)
{
    QString text = QStringLiteral("%1 (%2 images):\n").arg(title).arg(comparison.models[0].samples->size());
    text += metricLine(comparison, "accuracy", accuracyOf) + u'\n';
    text += metricLine(comparison, "macro-F1", macroF1Of);
    if (!comparison.pairs.isEmpty())
        text += QStringLiteral("\n  McNemar p = %1 (%2 images only production got right, %3 only the new model)")
                    .arg(comparison.pairs[0].outcome.pValue, 0, 'g', 3)
                    .arg(comparison.pairs[0].outcome.onlyA)
                    .arg(comparison.pairs[0].outcome.onlyB);
    return text;
}

} // namespace

int cmdDataBuild(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption fromProduction(QStringLiteral("from-production"),
                                            QStringLiteral("Build from the labeled production samples (required)."));
    parser.addOption(fromProduction);
    const BuildOptionSet options;
    options.addTo(parser);
    context.parse(parser, args, QStringLiteral("Build a data set version: a base version plus the labeled production samples, "
                                               "with part of them held back as a production test version."));
    if (!parser.isSet(fromProduction))
        throw UsageError(QStringLiteral("data build: give --from-production (a build adds labeled production samples to a base)"));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("data build: unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const ProductionBuildOptions build = options.read(parser);
    std::optional<ProductionBuild> result;
    runInCli(QStringLiteral("Build data set"), QStringLiteral("building"), [&](const ProgressFn &progress, const CancelFlag &cancel) {
        result = buildProductionDataset(context.workspace(), build, progress, &cancel);
    });
    context.print(result->toJson(), buildText(*result));
    return ExitDone;
}

int cmdDataLineage(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("dataset"), QStringLiteral("Data set version (id, prefix or name)."));
    const QCommandLineOption samples(QStringLiteral("samples"), QStringLiteral("Also list the production sample ids."));
    parser.addOption(samples);
    context.parse(parser, args, QStringLiteral("Show what a built data set version was made of."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("data lineage: give one data set version"));
    const DatasetVersion version = DatasetStore(context.workspace()).require(parser.positionalArguments().first());
    const std::optional<DatasetLineage> lineage = datasetLineage(context.workspace(), version.id);
    if (!lineage) {
        context.print(QJsonObject{{QStringLiteral("dataset"), version.id}, {QStringLiteral("lineage"), QJsonValue()}},
                      QStringLiteral("%1 %2 was imported from %3 (not built from production samples)")
                          .arg(version.name, version.id.left(12), version.source));
        return ExitDone;
    }
    QString text = QStringLiteral("%1 %2 = base %3 + %4 production training samples x %5, %6 held back")
                       .arg(version.name, version.id.left(12), lineage->baseId.left(12))
                       .arg(lineage->trainSamples.size()).arg(lineage->weight).arg(lineage->testSamples.size());
    if (!lineage->productionTestId.isEmpty())
        text += QStringLiteral(" (production test %1)").arg(lineage->productionTestId.left(12));
    context.print(lineage->toJson(parser.isSet(samples)), text);
    return ExitDone;
}

int cmdRetrain(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption fineTune(QStringLiteral("fine-tune"),
                                      QStringLiteral("Start from the production weights (a third of its learning rate, 2 epochs unless --epochs)."));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Train on this built version instead of building one now."), QStringLiteral("ref"));
    const QCommandLineOption epochs(QStringLiteral("epochs"), QStringLiteral("Epochs (default: production's; fine-tune: 2)."),
                                    QStringLiteral("n"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Threads (default: all cores)."), QStringLiteral("n"));
    const QCommandLineOption promote(QStringLiteral("promote"),
                                     QStringLiteral("Promote the new model through the gates (exit 3 when one fails)."));
    parser.addOptions({fineTune, data, epochs, threads, promote});
    const BuildOptionSet build;
    build.addTo(parser);
    context.parse(parser, args, QStringLiteral("Retrain the production model on its base data set plus the labeled production "
                                               "samples, and compare both models on the base test split and the production "
                                               "test split."));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("retrain: unexpected argument '%1'").arg(parser.positionalArguments().first()));
    RetrainOptions options;
    options.fineTune = parser.isSet(fineTune);
    options.datasetRef = parser.value(data);
    options.build = build.read(parser);
    if (parser.isSet(epochs))
        options.epochs = parseInt(parser.value(epochs), QStringLiteral("--epochs"));
    if (parser.isSet(threads))
        options.threads = parseInt(parser.value(threads), QStringLiteral("--threads"));

    RetrainJob job(context.workspaceShared(), options);
    runJobInCli(job);
    const RetrainResult &result = job.result();
    QJsonObject json = result.toJson();
    QString text;
    if (result.build)
        text += buildText(*result.build) + u'\n';
    text += QStringLiteral("trained model %1 (run %2) %3 production model %4\n")
                .arg(result.modelId).arg(result.runId)
                .arg(options.fineTune ? QStringLiteral("from the weights of") : QStringLiteral("with the settings of"))
                .arg(result.productionModelId);
    if (result.onBase)
        text += comparisonText(QStringLiteral("base test split"), *result.onBase);
    if (result.onProduction)
        text += u'\n' + comparisonText(QStringLiteral("production test split"), *result.onProduction);

    int exit = ExitDone;
    if (parser.isSet(promote)) {
        try {
            const auto promoted = promoteThroughGates(context.workspace(), result.modelId, ModelRegistry(context.workspace()).gates());
            json.insert(QStringLiteral("promoted"), true);
            text += u'\n' + promoted.message;
        } catch (const GateError &e) {
            json.insert(QStringLiteral("promoted"), false);
            json.insert(QStringLiteral("gateFailures"), QJsonArray::fromStringList(e.failures()));
            text += QStringLiteral("\nnot promoted: ") + e.failures().join(QStringLiteral("; "));
            exit = ExitGateNotMet;
        }
    }
    context.print(json, text);
    return exit;
}

} // namespace mlwb
