#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "jobs/IngestJob.h"

#include <QJsonArray>

namespace mlwb {

namespace {

QString versionLine(const DatasetVersion &v)
{
    return QStringLiteral("%1  %2  %3  %4×%5×%6  train %7  test %8  classes %9")
        .arg(v.id.left(12), v.name, v.format)
        .arg(v.channels).arg(v.height).arg(v.width)
        .arg(v.trainCount).arg(v.testCount).arg(v.classNames.size());
}

} // namespace

int cmdDataIngest(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("Folder or file to read."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Data set name (default: the folder name)."), QStringLiteral("name"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("auto, idx, npz, png-csv, class-folders, cifar10."), QStringLiteral("format"), QStringLiteral("auto"));
    const QCommandLineOption resize(QStringLiteral("resize"), QStringLiteral("Resize images of another size to WxH instead of refusing them."), QStringLiteral("WxH"));
    const QCommandLineOption classes(QStringLiteral("classes"), QStringLiteral("Class names, comma-separated, or 'fashion' for Fashion-MNIST's."), QStringLiteral("names"));
    const QCommandLineOption validation(QStringLiteral("validation"), QStringLiteral("Validation fraction of the training part (default 0.1)."), QStringLiteral("fraction"), QStringLiteral("0.1"));
    const QCommandLineOption testFraction(QStringLiteral("test-fraction"), QStringLiteral("Test share for sources without a test part (default 0.2)."), QStringLiteral("fraction"), QStringLiteral("0.2"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the recorded splits (default 42)."), QStringLiteral("n"), QStringLiteral("42"));
    parser.addOptions({name, format, resize, classes, validation, testFraction, seed});
    context.parse(parser, args, QStringLiteral("Read a data set into a content-addressed version."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("data ingest: give exactly one path to read"));

    IngestJob::Params params;
    params.path = parser.positionalArguments().first();
    params.name = parser.value(name);
    params.options.format = parseFormat(parser.value(format));
    if (parser.isSet(resize)) {
        const QStringList wh = parser.value(resize).split(u'x');
        bool okW = false, okH = false;
        params.options.width = wh.value(0).toInt(&okW);
        params.options.height = wh.value(1).toInt(&okH);
        if (wh.size() != 2 || !okW || !okH || params.options.width <= 0 || params.options.height <= 0)
            throw UsageError(QStringLiteral("--resize: '%1' is not WIDTHxHEIGHT").arg(parser.value(resize)));
        params.options.resize = true;
    }
    if (parser.isSet(classes))
        params.options.classNames = parser.value(classes) == u"fashion" ? fashionMnistClassNames() : parser.value(classes).split(u',');
    params.validationFraction = parseDouble(parser.value(validation), QStringLiteral("validation"));
    if (!(params.validationFraction >= 0 && params.validationFraction < 1))
        throw UsageError(QStringLiteral("--validation: %1 is outside [0, 1)").arg(params.validationFraction));
    params.options.testFraction = parseDouble(parser.value(testFraction), QStringLiteral("test-fraction"));
    if (!(params.options.testFraction > 0 && params.options.testFraction < 1))
        throw UsageError(QStringLiteral("--test-fraction: %1 is outside (0, 1)").arg(params.options.testFraction));
    bool ok = false;
    params.splitSeed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        throw UsageError(QStringLiteral("--seed: '%1' is not a non-negative integer").arg(parser.value(seed)));

    IngestJob job(context.workspaceShared(), params);
    runJobInCli(job);
    const auto &result = job.result();
    QJsonObject json = result.saved.version.toJson();
    json[QStringLiteral("created")] = result.saved.created;
    json[QStringLiteral("seconds")] = result.seconds;
    context.print(json, QStringLiteral("%1 %2\n%3")
                            .arg(result.saved.created ? QStringLiteral("stored") : QStringLiteral("unchanged (already stored):"),
                                 result.saved.version.id, versionLine(result.saved.version)));
    return ExitDone;
}

int cmdDataList(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    context.parse(parser, args, QStringLiteral("List data set versions, newest first."));
    QJsonArray json;
    QString text;
    for (const DatasetVersion &v : DatasetStore(context.workspace()).list()) {
        json.append(v.toJson());
        text += versionLine(v) + u'\n';
    }
    context.print(json, text.isEmpty() ? QStringLiteral("no data sets yet: `mlwb data ingest PATH`") : text);
    return ExitDone;
}

} // namespace mlwb
