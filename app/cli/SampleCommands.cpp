// `mlwb samples ...`: the production samples (what the canvas, the watched folder and the HTTP
// API answered), a folder imported through the production model, and labels.
#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/ModelRef.h"
#include "cli/Options.h"

#include "common/Error.h"
#include "common/TimeText.h"
#include "models/ModelFiles.h"
#include "production/FolderWatcher.h"
#include "production/InferenceService.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QThread>
#include <QTextStream>
#include <algorithm>

namespace mlwb {

namespace {

// Class names of the models that answered, read once per model (a model whose files are gone
// shows class indices).
class ClassNames {
public:
    explicit ClassNames(Workspace &workspace) : m_workspace(workspace) {}

    QString name(qint64 modelId, int label)
    {
        if (label < 0)
            return {};
        auto it = m_names.find(modelId);
        if (it == m_names.end()) {
            QStringList names;
            try {
                if (const auto model = ModelRegistry(m_workspace).model(modelId))
                    names = readModelInfo(m_workspace.absolute(model->path)).classNames;
            } catch (const Error &) {
            }
            it = m_names.insert(modelId, names);
        }
        return it->value(label, QString::number(label));
    }
    QStringList names(qint64 modelId)
    {
        name(modelId, 0);
        return m_names.value(modelId);
    }

private:
    Workspace &m_workspace;
    QHash<qint64, QStringList> m_names;
};

qint64 sampleId(const QCommandLineParser &parser, const QString &command)
{
    if (parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("%1: give a sample id").arg(command));
    return parseId(parser.positionalArguments().first(), QStringLiteral("sample"));
}

double confidence(const ProductionSample &s)
{
    return s.predicted >= 0 && size_t(s.predicted) < s.probabilities.size() ? double(s.probabilities[size_t(s.predicted)]) : 0.0;
}

QString labelText(const ProductionSample &s, ClassNames &classes)
{
    if (s.discarded)
        return QStringLiteral("discarded");
    return s.label ? classes.name(s.modelId, *s.label) : QStringLiteral("-");
}

QJsonObject sampleJson(const ProductionSample &s, ClassNames &classes, bool withInput)
{
    QJsonObject json = s.toJson(withInput);
    json[QStringLiteral("class")] = classes.name(s.modelId, s.predicted);
    return json;
}

// The input as text: one character per pixel, darker to brighter.
QString asciiArt(const ProductionSample &s)
{
    static const QString shades = QStringLiteral(" .:-=+*#%@");
    QString text;
    for (int y = 0; y < s.height; ++y) {
        text += QStringLiteral("    ");
        for (int x = 0; x < s.width; ++x)
            text += shades[int(s.input[size_t(y) * size_t(s.width) + size_t(x)]) * (shades.size() - 1) / 255];
        text += u'\n';
    }
    return text;
}

QString historyText(const QList<QJsonObject> &history, const ProductionSample &s, ClassNames &classes)
{
    QString text;
    for (const QJsonObject &e : history) {
        const QString what = e[QStringLiteral("discarded")].toBool() ? QStringLiteral("discarded")
                             : e[QStringLiteral("label")].isNull() ? QStringLiteral("label taken back")
                                                                    : classes.name(s.modelId, e[QStringLiteral("label")].toInt());
        text += QStringLiteral("  %1  %2  by %3\n").arg(e[QStringLiteral("at")].toString(), what, e[QStringLiteral("by")].toString());
    }
    return text;
}

} // namespace

int cmdSamplesList(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption source(QStringLiteral("source"), QStringLiteral("Only samples from canvas, folder, api or file."), QStringLiteral("source"));
    const QCommandLineOption labeled(QStringLiteral("labeled"), QStringLiteral("Only labelled samples."));
    const QCommandLineOption unlabeled(QStringLiteral("unlabeled"), QStringLiteral("Only samples without a label."));
    const QCommandLineOption discarded(QStringLiteral("discarded"), QStringLiteral("Only samples marked 'not a digit'."));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("Only samples from this time on (ISO-8601)."), QStringLiteral("time"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Only samples before this time (ISO-8601)."), QStringLiteral("time"));
    const QCommandLineOption predicted(QStringLiteral("predicted"), QStringLiteral("Only samples predicted as this class index."), QStringLiteral("class"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most this many, newest first (default 100; 0: all)."), QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption offset(QStringLiteral("offset"), QStringLiteral("Skip this many first."), QStringLiteral("n"), QStringLiteral("0"));
    parser.addOptions({source, labeled, unlabeled, discarded, from, to, predicted, limit, offset});
    context.parse(parser, args, QStringLiteral("List production samples, newest first; `total` counts all that match."));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("samples list: unexpected argument '%1'").arg(parser.positionalArguments().first()));

    SampleFilter filter;
    if (parser.isSet(source)) {
        filter.source = sampleSourceFromString(parser.value(source));
        if (!filter.source)
            throw UsageError(QStringLiteral("--source: '%1' is not canvas, folder, api or file").arg(parser.value(source)));
    }
    if (int(parser.isSet(labeled)) + int(parser.isSet(unlabeled)) + int(parser.isSet(discarded)) > 1)
        throw UsageError(QStringLiteral("samples list: give one of --labeled, --unlabeled, --discarded"));
    if (parser.isSet(labeled))
        filter.labelState = SampleFilter::LabelState::Labeled;
    if (parser.isSet(unlabeled))
        filter.labelState = SampleFilter::LabelState::Unlabeled;
    if (parser.isSet(discarded))
        filter.labelState = SampleFilter::LabelState::Discarded;
    if (parser.isSet(from))
        filter.from = parseIsoTime(parser.value(from), QStringLiteral("--from"));
    if (parser.isSet(to))
        filter.to = parseIsoTime(parser.value(to), QStringLiteral("--to"));
    if (parser.isSet(predicted))
        filter.predicted = parseInt(parser.value(predicted), QStringLiteral("--predicted"));
    const int n = parseInt(parser.value(limit), QStringLiteral("--limit"));
    if (n < 0)
        throw UsageError(QStringLiteral("--limit: give 0 (all) or more"));
    filter.limit = n == 0 ? -1 : n;
    filter.offset = std::max(0, parseInt(parser.value(offset), QStringLiteral("--offset")));

    const SampleStore store(context.workspace());
    const qint64 total = store.count(filter);
    const QList<ProductionSample> samples = store.list(filter);
    ClassNames classes(context.workspace());
    QJsonArray json;
    QString text = QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                       .arg(QStringLiteral("id"), 6).arg(QStringLiteral("time"), -24).arg(QStringLiteral("source"), -6)
                       .arg(QStringLiteral("model"), 5).arg(QStringLiteral("predicted"), -10).arg(QStringLiteral("conf"), 6)
                       .arg(QStringLiteral("label"), -10).arg(QStringLiteral("file"));
    for (const ProductionSample &s : samples) {
        json.append(sampleJson(s, classes, false));
        text += QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                    .arg(s.id, 6).arg(toSqlTime(s.created), -24).arg(sampleSourceName(s.source), -6)
                    .arg(s.modelId > 0 ? QString::number(s.modelId) : QStringLiteral("-"), 5)
                    .arg(classes.name(s.modelId, s.predicted), -10).arg(confidence(s), 6, 'f', 3)
                    .arg(labelText(s, classes), -10).arg(s.originalName);
    }
    text += QStringLiteral("%1 of %2 sample(s)").arg(samples.size()).arg(total);
    context.print(QJsonObject{{QStringLiteral("total"), total}, {QStringLiteral("samples"), json}}, text);
    return ExitDone;
}

int cmdSamplesShow(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("id"), QStringLiteral("Sample id."));
    context.parse(parser, args, QStringLiteral("Show a production sample: its input pixels, the answer and the label history."));
    const qint64 id = sampleId(parser, args.first());
    const SampleStore store(context.workspace());
    const std::optional<ProductionSample> s = store.sample(id);
    if (!s)
        throw UsageError(QStringLiteral("there is no production sample %1").arg(id));
    const QList<QJsonObject> history = store.labelHistory(id);
    ClassNames classes(context.workspace());

    QJsonObject json = sampleJson(*s, classes, true);
    QJsonArray historyJson;
    for (const QJsonObject &e : history)
        historyJson.append(e);
    json[QStringLiteral("history")] = historyJson;
    json[QStringLiteral("imageFile")] = store.absoluteImagePath(*s);

    QString text = QStringLiteral("sample %1  %2  %3%4\n").arg(id).arg(sampleSourceName(s->source), toSqlTime(s->created),
                                                                  s->originalName.isEmpty() ? QString() : QStringLiteral("  ") + s->originalName);
    text += QStringLiteral("model %1 predicted %2 (%3)\n")
                .arg(s->modelId > 0 ? QString::number(s->modelId) : QStringLiteral("-"), classes.name(s->modelId, s->predicted))
                .arg(confidence(*s), 0, 'f', 4);
    const QStringList names = classes.names(s->modelId);
    for (size_t c = 0; c < s->probabilities.size(); ++c)
        text += QStringLiteral("  %1 %2\n").arg(names.value(int(c), QString::number(c)), -10).arg(double(s->probabilities[c]), 0, 'f', 4);
    text += QStringLiteral("label: %1\n").arg(labelText(*s, classes));
    text += QStringLiteral("image: %1\n").arg(store.absoluteImagePath(*s));
    text += QStringLiteral("input %1×%2×%3:\n").arg(s->channels).arg(s->height).arg(s->width);
    if (s->channels == 1)
        text += asciiArt(*s);
    if (!history.isEmpty())
        text += QStringLiteral("label history:\n") + historyText(history, *s, classes);
    context.print(json, text);
    return ExitDone;
}

int cmdSamplesImport(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("Folder of PNG/JPEG files (not recursive)."));
    const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")}, QStringLiteral("Model version id or 'production' (default)."), QStringLiteral("ref"), kProductionAlias);
    parser.addOption(model);
    context.parse(parser, args, QStringLiteral("Send every image file of a folder through the production model, as the "
                                               "watched folder does, storing each as a sample. Exit 1 when any file failed."));
    if (parser.positionalArguments().size() != 1)
        throw UsageError(QStringLiteral("samples import: give one folder"));
    const QString folder = QDir::cleanPath(QDir(parser.positionalArguments().first()).absolutePath());
    if (!QFileInfo(folder).isDir())
        throw UsageError(QStringLiteral("samples import: %1 is not a folder").arg(folder));

    InferenceService::Options options;
    if (parser.value(model) != kProductionAlias)
        options.modelId = resolveModel(context, parser.value(model)).id;
    options.threads = std::max(1, QThread::idealThreadCount());
    InferenceService service(context.workspaceShared(), options);
    service.start();
    ClassNames classes(context.workspace());

    ProgressPrinter printer(QStringLiteral("samples import"));
    const QList<InferenceAnswer> answers = importFolder(service, folder, [&](qint64 done, qint64 total) {
        printer.update(done, total, QStringLiteral("%1 of %2 file(s)").arg(done).arg(total));
    });
    printer.finish();

    QJsonArray samples, failures;
    QString text;
    for (const InferenceAnswer &a : answers) {
        const QString file = QDir(folder).filePath(a.originalName);
        if (!a.error.isEmpty()) {
            failures.append(QJsonObject{{QStringLiteral("file"), file}, {QStringLiteral("error"), a.error}});
            QTextStream(stderr) << "mlwb: samples import: " << (a.error.contains(a.originalName) ? a.error : file + QStringLiteral(": ") + a.error) << "\n";
            continue;
        }
        const double conf = a.predicted >= 0 ? double(a.probabilities[size_t(a.predicted)]) : 0.0;
        samples.append(QJsonObject{{QStringLiteral("id"), a.sampleId}, {QStringLiteral("file"), file},
                                   {QStringLiteral("model"), a.modelId}, {QStringLiteral("predicted"), a.predicted},
                                   {QStringLiteral("class"), a.className}, {QStringLiteral("confidence"), conf}});
        text += QStringLiteral("%1  %2  %3 (%4)\n").arg(a.sampleId, 6).arg(a.originalName, -24).arg(a.className).arg(conf, 0, 'f', 3);
    }
    text += QStringLiteral("imported %1 file(s) with model %2%3").arg(samples.size()).arg(service.servedModelId())
                .arg(failures.isEmpty() ? QString() : QStringLiteral(", %1 failed").arg(failures.size()));
    context.print(QJsonObject{{QStringLiteral("folder"), folder}, {QStringLiteral("model"), service.servedModelId()},
                              {QStringLiteral("imported"), samples.size()}, {QStringLiteral("failed"), failures.size()},
                              {QStringLiteral("samples"), samples}, {QStringLiteral("failures"), failures}},
                  text);
    return failures.isEmpty() ? ExitDone : ExitError;
}

namespace {

// A class as given on the command line or in a file: an index or one of the model's names.
std::optional<int> parseClass(const QString &given, const QStringList &names)
{
    const qsizetype named = names.indexOf(given);
    if (named >= 0)
        return int(named);
    bool number = false;
    const int index = given.toInt(&number);
    return number ? std::optional(index) : std::nullopt;
}

struct LabelChange {
    qint64 id = 0;
    std::optional<int> label;
    bool discard = false;
};

// "ID,CLASS" or "ID,discard" per line (a header line "id,…" and blank lines are skipped).
// Every line is checked before anything is stored; the message names the file and line.
QList<LabelChange> readLabelFile(const QString &path, const SampleStore &store, ClassNames &classes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    QList<LabelChange> changes;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        ++lineNumber;
        if (line.isEmpty() || (lineNumber == 1 && line.startsWith(QLatin1String("id"), Qt::CaseInsensitive)))
            continue;
        const QStringList fields = line.split(u',');
        auto refuse = [&](const QString &what) {
            return UsageError(QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(what));
        };
        if (fields.size() != 2)
            throw refuse(QStringLiteral("expected \"sample id,class\" (or \"sample id,discard\"), got \"%1\"").arg(line));
        bool ok = false;
        LabelChange change;
        change.id = fields[0].trimmed().toLongLong(&ok);
        if (!ok || change.id <= 0)
            throw refuse(QStringLiteral("\"%1\" is not a sample id").arg(fields[0].trimmed()));
        const std::optional<ProductionSample> sample = store.sample(change.id);
        if (!sample)
            throw refuse(QStringLiteral("there is no production sample %1").arg(change.id));
        const QString given = fields[1].trimmed();
        if (given == QLatin1String("discard")) {
            change.discard = true;
        } else {
            change.label = parseClass(given, classes.names(sample->modelId));
            if (!change.label || *change.label < 0 || *change.label >= int(sample->probabilities.size()))
                throw refuse(QStringLiteral("'%1' is not a class of sample %2 (model %3)").arg(given).arg(change.id).arg(sample->modelId));
        }
        changes << change;
    }
    return changes;
}

} // namespace

int cmdSamplesLabel(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("id"), QStringLiteral("Sample id (not with --file)."));
    parser.addPositionalArgument(QStringLiteral("class"), QStringLiteral("Class index or name (not with --discard)."));
    const QCommandLineOption discard(QStringLiteral("discard"), QStringLiteral("Mark the sample 'not a digit' instead."));
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("Who labels (default: $USER)."), QStringLiteral("name"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  QStringLiteral("Label many samples: a CSV of \"sample id,class\" (or \"id,discard\") lines, "
                                                 "all or none stored."),
                                  QStringLiteral("csv"));
    parser.addOptions({discard, by, file});
    context.parse(parser, args, QStringLiteral("Label a production sample (the old label stays in its history)."));
    const QStringList positional = parser.positionalArguments();
    const QString who = parser.isSet(by) ? parser.value(by) : qEnvironmentVariable("USER", QStringLiteral("cli"));
    const SampleStore store(context.workspace());
    ClassNames classes(context.workspace());

    if (parser.isSet(file)) {
        if (!positional.isEmpty() || parser.isSet(discard))
            throw UsageError(QStringLiteral("samples label: --file takes no sample id, class or --discard"));
        const QList<LabelChange> changes = readLabelFile(parser.value(file), store, classes);
        // One transaction: a crash or a refusal stores none of the file's labels.
        context.workspace().database().transaction([&] {
            for (const LabelChange &c : changes)
                store.setLabel(c.id, c.label, c.discard, who);
        });
        const qint64 discarded = std::count_if(changes.begin(), changes.end(), [](const LabelChange &c) { return c.discard; });
        context.print(QJsonObject{{QStringLiteral("labeled"), double(changes.size() - discarded)},
                                  {QStringLiteral("discarded"), double(discarded)},
                                  {QStringLiteral("by"), who}},
                      QStringLiteral("%1 sample(s) labeled, %2 discarded (by %3)").arg(changes.size() - discarded).arg(discarded).arg(who));
        return ExitDone;
    }

    const qint64 id = sampleId(parser, args.first());
    const bool discarding = parser.isSet(discard);
    if (discarding ? positional.size() > 2 : positional.size() != 2)
        throw UsageError(discarding ? QStringLiteral("samples label: --discard takes no class")
                                    : QStringLiteral("samples label: give a sample id and a class"));
    const std::optional<ProductionSample> before = store.sample(id);
    if (!before)
        throw UsageError(QStringLiteral("there is no production sample %1").arg(id));
    std::optional<int> label;
    if (positional.size() == 2) {
        label = parseClass(positional[1], classes.names(before->modelId));
        if (!label)
            throw UsageError(QStringLiteral("samples label: '%1' is neither a class index nor a class name of model %2")
                                 .arg(positional[1]).arg(before->modelId));
        if (discarding && label != -1)
            throw UsageError(QStringLiteral("samples label: --discard takes no class"));
    }
    store.setLabel(id, discarding ? std::nullopt : label, discarding, who);

    const ProductionSample after = *store.sample(id);
    QJsonObject json = sampleJson(after, classes, false);
    QJsonArray history;
    for (const QJsonObject &e : store.labelHistory(id))
        history.append(e);
    json[QStringLiteral("history")] = history;
    context.print(json, QStringLiteral("sample %1: %2 (by %3)").arg(id).arg(labelText(after, classes), who));
    return ExitDone;
}

} // namespace mlwb
