#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/ModelRef.h"
#include "cli/Options.h"

#include "common/Error.h"
#include "data/Preprocess.h"
#include "inference/Predictor.h"
#include "models/ModelFiles.h"
#include "models/ModelSpec.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <numeric>

namespace mlwb {

int cmdModelsArchitectures(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption spec(QStringLiteral("spec"), QStringLiteral("Also check a JSON spec file and count its parameters."), QStringLiteral("file"));
    parser.addOption(spec);
    context.parse(parser, args, QStringLiteral("Built-in architectures with their parameter counts (1×28×28 input, 10 classes)."));
    QList<ArchitectureInfo> infos = builtinArchitectures();
    if (parser.isSet(spec)) {
        const ModelSpec s = resolveArchitecture(parser.value(spec));
        infos.append({parser.value(spec), s.description, parameterCount(s, 1, 28, 28, 10)});
    }
    QJsonArray json;
    QString text;
    for (const ArchitectureInfo &a : infos) {
        json.append(QJsonObject{{QStringLiteral("name"), a.name},
                                {QStringLiteral("description"), a.description},
                                {QStringLiteral("parameters"), a.parameterCount}});
        text += QStringLiteral("%1 %2  %3\n").arg(a.name, -8).arg(QLocale::c().toString(a.parameterCount), 9).arg(a.description);
    }
    context.print(json, text);
    return ExitDone;
}

int cmdPredict(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Image files (PNG, JPEG; any size)."));
    const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")}, QStringLiteral("Model version id or 'production' (default)."), QStringLiteral("ref"), QStringLiteral("production"));
    const QCommandLineOption raw(QStringLiteral("raw"), QStringLiteral("The images already are in the model's geometry: no MNIST-style preprocessing."));
    parser.addOptions({model, raw});
    context.parse(parser, args, QStringLiteral("Predict the class of images with MNIST-style preprocessing."));
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        throw UsageError(QStringLiteral("predict: give at least one image file"));

    const ResolvedModel resolved = resolveModel(context, parser.value(model));
    Predictor predictor(resolved.dir, 1);
    const QStringList classes = predictor.classNames();
    QJsonArray json;
    QString text;
    for (const QString &file : files) {
        const GrayImage loaded = loadGrayImage(file);
        if (predictor.channels() != 1)
            throw UsageError(QStringLiteral("predict: model %1 expects %2 channels; only grayscale models take image files yet")
                                 .arg(resolved.id).arg(predictor.channels()));
        const GrayImage input = parser.isSet(raw) ? loaded : preprocessMnistStyle(loaded);
        QElapsedTimer timer;
        timer.start();
        const Prediction p = predictor.predict(input.pixels);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        std::vector<int> order(p.probabilities.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&p](int a, int b) { return p.probabilities[size_t(a)] > p.probabilities[size_t(b)]; });
        QJsonArray top;
        QString topText;
        for (size_t k = 0; k < std::min<size_t>(3, order.size()); ++k) {
            const int c = order[k];
            top.append(QJsonObject{{QStringLiteral("class"), classes.value(c)}, {QStringLiteral("label"), c},
                                   {QStringLiteral("probability"), double(p.probabilities[size_t(c)])}});
            topText += QStringLiteral("  %1 %2").arg(classes.value(c)).arg(double(p.probabilities[size_t(c)]), 0, 'f', 4);
        }
        QJsonArray probabilities;
        for (float v : p.probabilities)
            probabilities.append(double(v));
        json.append(QJsonObject{{QStringLiteral("file"), file}, {QStringLiteral("label"), p.label},
                                {QStringLiteral("class"), classes.value(p.label)}, {QStringLiteral("top3"), top},
                                {QStringLiteral("probabilities"), probabilities}, {QStringLiteral("milliseconds"), ms},
                                {QStringLiteral("empty"), looksEmpty(loaded)}});
        text += QStringLiteral("%1: %2  (top 3:%3)%4\n").arg(file, classes.value(p.label), topText,
                                                             looksEmpty(loaded) ? QStringLiteral("  [the image looks empty]") : QString());
    }
    context.print(QJsonObject{{QStringLiteral("model"), resolved.id}, {QStringLiteral("predictions"), json}}, text);
    return ExitDone;
}

int cmdExport(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("output"), QStringLiteral("TorchScript file to write (.pt)."));
    const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")}, QStringLiteral("Model version id or 'production' (default)."), QStringLiteral("ref"), QStringLiteral("production"));
    parser.addOption(model);
    context.parse(parser, args, QStringLiteral("Export a model version as TorchScript: in Python, torch.jit.load(file)(x) with x a N×C×H×W float tensor in [0,1] gives the class probabilities."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("export: give the output file"));
    const QString out = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    const ResolvedModel resolved = resolveModel(context, parser.value(model));
    exportTorchScript(resolved.dir, out);
    context.print(QJsonObject{{QStringLiteral("model"), resolved.id}, {QStringLiteral("file"), out}},
                  QStringLiteral("model %1 exported to %2\nPython: m = torch.jit.load('%2'); probabilities = m(x)  # x: N×C×H×W float in [0,1]")
                      .arg(resolved.id).arg(out));
    return ExitDone;
}

} // namespace mlwb
