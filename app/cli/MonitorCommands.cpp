// `mlwb monitor`: the Monitor page headless. The latest window of production samples against
// the model's reference (data drift, prediction drift, estimated accuracy), its alerts stored
// and exit 3 when one fires, so that a scheduler can act on it (retrain); `monitor alerts` and
// `monitor ack` list and acknowledge them.
#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/ModelRef.h"
#include "cli/Options.h"
#include "cli/RunJob.h"

#include "common/Error.h"
#include "common/TimeText.h"
#include "monitoring/Monitor.h"
#include "registry/ModelRegistry.h"

#include <QJsonArray>
#include <QTextStream>
#include <cmath>

namespace mlwb {

namespace {

QString number(double v)
{
    return std::abs(v) >= 1e-3 && std::abs(v) < 1e4 ? QString::number(v, 'f', 4) : QString::number(v, 'g', 3);
}

QString alertLine(const MonitorAlert &a)
{
    return QStringLiteral("%1  %2  model %3  samples %4-%5 (%6)  %7 = %8, p = %9 < %10  %11")
        .arg(a.id, 5).arg(a.statistic, -14).arg(a.modelId).arg(a.firstSampleId).arg(a.lastSampleId).arg(a.sampleCount)
        .arg(a.statistic.endsWith(u"mmd") ? QStringLiteral("MMD²") : a.statistic.endsWith(u"chi2") ? QStringLiteral("χ²") : QStringLiteral("D"))
        .arg(number(a.value), number(a.pValue), number(a.threshold))
        .arg(a.acknowledged() ? QStringLiteral("acknowledged by %1").arg(a.acknowledgedBy.isEmpty() ? QStringLiteral("-") : a.acknowledgedBy)
                              : QStringLiteral("open"));
}

QString checkText(const MonitorCheck &check)
{
    const WindowReport &r = check.report;
    QString text;
    QTextStream out(&text);
    out << "model " << check.reference.modelId << ", window of " << r.samples << " sample(s)";
    if (r.samples > 0)
        out << ": ids " << r.firstSampleId << "-" << r.lastSampleId << ", " << toSqlTime(r.from) << " to " << toSqlTime(r.to);
    out << "\nreference: " << check.reference.description << "\n";
    if (!r.tested) {
        out << "not tested: a window needs at least " << DriftOptions{}.minimumSamples << " samples";
        return text;
    }
    out << QStringLiteral("%1  %2  %3  %4\n").arg(QStringLiteral("statistic"), -14).arg(QStringLiteral("value"), 10)
                                              .arg(QStringLiteral("p-value"), 10).arg(QStringLiteral("threshold"), 10);
    for (const StatisticResult &s : r.statistics) {
        if (!s.tested) {
            out << QStringLiteral("%1  %2\n").arg(driftStatisticKey(s.statistic), -14).arg(QStringLiteral("not tested"), 10);
            continue;
        }
        out << QStringLiteral("%1  %2  %3  %4%5\n").arg(driftStatisticKey(s.statistic), -14).arg(number(s.value), 10)
                   .arg(number(s.pValue), 10).arg(number(s.threshold), 10).arg(s.alert ? QStringLiteral("  ALERT") : QString());
    }
    out << "predicted classes: Jensen-Shannon distance " << number(r.jensenShannon) << " from the reference's\n";
    out << "accuracy: ";
    if (r.estimatedAccuracy)
        out << "estimated " << number(*r.estimatedAccuracy) << " (ATC; reference " << number(r.referenceAccuracy.value_or(0)) << ")";
    else
        out << "no estimate (the reference has no labels)";
    out << "; " << r.labeled.labeled << " labeled";
    if (const auto real = r.labeled.accuracy())
        out << ": " << number(*real);
    out << "\n";
    if (check.alerts.isEmpty()) {
        out << "no alert (alpha " << r.alpha << ", Bonferroni over " << std::lround(r.alpha / r.threshold) << " statistics)";
    } else if (check.alerts.first().id == 0) {
        out << check.alerts.size() << " alert(s), not recorded (--no-record)";
    } else {
        int fresh = 0;
        for (const MonitorAlert &a : check.alerts)
            fresh += a.isNew;
        out << check.alerts.size() << " alert(s), " << fresh << " new (the others were raised before for these samples); "
            << "`mlwb monitor alerts` lists them, `mlwb monitor ack ID` acknowledges";
    }
    return text;
}

int monitorAlerts(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &all, const QCommandLineOption &limit)
{
    const int n = parseInt(parser.value(limit), QStringLiteral("--limit"));
    const AlertStore store(context.workspace());
    const QList<MonitorAlert> alerts = store.list(!parser.isSet(all), n <= 0 ? -1 : n);
    QJsonArray json;
    QString text;
    for (const MonitorAlert &a : alerts) {
        json.append(a.toJson());
        text += alertLine(a) + u'\n';
    }
    const qint64 open = store.unacknowledgedCount();
    text += QStringLiteral("%1 alert(s) shown, %2 not acknowledged").arg(alerts.size()).arg(open);
    context.print(QJsonObject{{QStringLiteral("alerts"), json}, {QStringLiteral("unacknowledged"), open}}, text);
    return ExitDone;
}

int monitorAck(CliContext &context, const QStringList &ids, const QString &by)
{
    if (ids.isEmpty())
        throw UsageError(QStringLiteral("monitor ack: give the id of an alert (`mlwb monitor alerts` lists them)"));
    const AlertStore store(context.workspace());
    QJsonArray json;
    QString text;
    for (const QString &id : ids) {
        const MonitorAlert a = store.acknowledge(parseId(id, QStringLiteral("alert")), by);
        json.append(a.toJson());
        text += alertLine(a) + u'\n';
    }
    text += QStringLiteral("%1 alert(s) still open").arg(store.unacknowledgedCount());
    context.print(QJsonObject{{QStringLiteral("acknowledged"), json}, {QStringLiteral("unacknowledged"), store.unacknowledgedCount()}}, text);
    return ExitDone;
}

} // namespace

int cmdMonitor(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("Nothing (check the latest window), 'alerts' (list them) or 'ack ID...' (acknowledge)."),
                                 QStringLiteral("[alerts | ack ID...]"));
    const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")},
                                   QStringLiteral("Model version id or 'production' (default)."), QStringLiteral("ref"), kProductionAlias);
    const QCommandLineOption window(QStringLiteral("window"), QStringLiteral("The latest N samples of the model (default 1000)."),
                                    QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("A time span instead: samples from this time on (ISO-8601)."),
                                  QStringLiteral("time"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("... and before this time."), QStringLiteral("time"));
    const QCommandLineOption reference(QStringLiteral("reference"),
                                       QStringLiteral("What the window is compared with: 'training' (default: the model's evaluation on "
                                                      "its data set's test split), data:REF (another data set version's test split), "
                                                      "samples:FIRST-LAST or time:FROM/TO (a window of its own samples)."),
                                       QStringLiteral("ref"), QStringLiteral("training"));
    const QCommandLineOption alpha(QStringLiteral("alpha"),
                                   QStringLiteral("Significance of the window's alerts, Bonferroni over its statistics (default 0.05)."),
                                   QStringLiteral("a"), QStringLiteral("0.05"));
    const QCommandLineOption permutations(QStringLiteral("permutations"), QStringLiteral("Of the MMD test (default 200)."),
                                          QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption noRecord(QStringLiteral("no-record"), QStringLiteral("Report the alerts without storing them."));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("alerts: also the acknowledged ones."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("alerts: at most this many, newest first (default 50; 0: all)."),
                                   QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("ack: who acknowledges (default: $USER)."), QStringLiteral("name"));
    parser.addOptions({model, window, from, to, reference, alpha, permutations, noRecord, all, limit, by});
    context.parse(parser, args, QStringLiteral("Compare the latest window of production samples with the model's reference: "
                                               "input drift (MMD on embeddings, KS on softmax outputs and image properties), "
                                               "prediction drift, accuracy estimated without labels. Stores the alerts; exit 3 "
                                               "when one fires."));
    QStringList positional = parser.positionalArguments();
    const QString action = positional.isEmpty() ? QStringLiteral("check") : positional.takeFirst();
    if (action == u"alerts") {
        if (!positional.isEmpty())
            throw UsageError(QStringLiteral("monitor alerts: unexpected argument '%1'").arg(positional.first()));
        return monitorAlerts(context, parser, all, limit);
    }
    if (action == u"ack")
        return monitorAck(context, positional, parser.isSet(by) ? parser.value(by) : qEnvironmentVariable("USER", QStringLiteral("cli")));
    if (action != u"check" || !positional.isEmpty())
        throw UsageError(QStringLiteral("monitor: '%1' is none of alerts, ack").arg(action));

    MonitorRequest request;
    request.modelId = resolveModel(context, parser.value(model)).id;
    request.reference = ReferenceSpec::parse(parser.value(reference));
    if (parser.isSet(from) || parser.isSet(to)) {
        if (parser.isSet(window))
            throw UsageError(QStringLiteral("monitor: give --window or a time span (--from/--to), not both"));
        if (parser.isSet(from))
            request.window.from = parseIsoTime(parser.value(from), QStringLiteral("--from"));
        if (parser.isSet(to))
            request.window.to = parseIsoTime(parser.value(to), QStringLiteral("--to"));
    } else {
        request.window.count = parseInt(parser.value(window), QStringLiteral("--window"));
        if (request.window.count < 1)
            throw UsageError(QStringLiteral("--window: give 1 or more samples"));
    }
    request.options.alpha = parseDouble(parser.value(alpha), QStringLiteral("--alpha"));
    if (!(request.options.alpha > 0 && request.options.alpha < 1))
        throw UsageError(QStringLiteral("--alpha: give a significance between 0 and 1 (e.g. 0.05)"));
    request.options.permutations = parseInt(parser.value(permutations), QStringLiteral("--permutations"));
    if (request.options.permutations < 1)
        throw UsageError(QStringLiteral("--permutations: give 1 or more"));
    request.recordAlerts = !parser.isSet(noRecord);

    std::optional<MonitorCheck> check;
    runInCli(QStringLiteral("Monitor"), QStringLiteral("evaluating the reference"), [&](const ProgressFn &progress, const CancelFlag &cancel) {
        check = runMonitorCheck(context.workspace(), request, progress, &cancel);
    });
    context.print(check->toJson(), checkText(*check));
    return check->report.hasAlert() ? ExitGateNotMet : ExitDone;
}

} // namespace mlwb
