#include "cli/CliContext.h"

#include "common/Error.h"
#include "common/Log.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTextStream>
#include <cstdio>
#include <unistd.h>

namespace mlwb {

CliContext::CliContext(QString workspaceOption, bool json)
    : m_workspaceOption(std::move(workspaceOption)), m_json(json)
{
}

CliContext::~CliContext() = default;

QString CliContext::workspacePath() const
{
    return Workspace::resolvePath(m_workspaceOption);
}

Workspace &CliContext::workspace()
{
    return *workspaceShared();
}

WorkspacePtr CliContext::workspaceShared()
{
    if (!m_workspace) {
        m_workspace = Workspace::open(workspacePath());
        addLogFile(m_workspace->logsDir());
    }
    return m_workspace;
}

void CliContext::parse(QCommandLineParser &parser, const QStringList &args, const QString &synopsis)
{
    parser.setApplicationDescription(synopsis);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON document on stdout."));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace folder."),
                                             QStringLiteral("dir"));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(jsonOption);
    parser.addOption(workspaceOption);
    parser.addOption(helpOption);
    if (!parser.parse(args))
        throw UsageError(QStringLiteral("%1: %2").arg(args.value(0), parser.errorText()));
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << QStringLiteral("Usage: mlwb %1 [options]\n").arg(args.value(0))
                            << parser.helpText().section(u'\n', 1);
        std::exit(ExitDone);
    }
    if (parser.isSet(jsonOption))
        m_json = true;
    if (parser.isSet(workspaceOption))
        m_workspaceOption = parser.value(workspaceOption);
}

void CliContext::print(const QJsonObject &json, const QString &text) const
{
    QTextStream out(stdout);
    if (m_json)
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    else if (!text.isEmpty())
        out << text << (text.endsWith(u'\n') ? "" : "\n");
}

void CliContext::print(const QJsonArray &json, const QString &text) const
{
    QTextStream out(stdout);
    if (m_json)
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    else if (!text.isEmpty())
        out << text << (text.endsWith(u'\n') ? "" : "\n");
}

QString formatDuration(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

ProgressPrinter::ProgressPrinter(QString title)
    : m_title(std::move(title)), m_tty(isatty(STDERR_FILENO)), m_startMs(QDateTime::currentMSecsSinceEpoch())
{
}

void ProgressPrinter::update(qint64 done, qint64 total, const QString &what)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int percent = total > 0 ? int(100 * done / total) : -1;
    // A terminal gets a live line (at most 10 per second); a log gets a line per 10%.
    if (m_tty ? (now - m_lastPrintMs < 100 && done != total) : (percent / 10 == m_lastPercent / 10 && m_lastPrintMs >= 0))
        return;
    m_lastPrintMs = now;
    m_lastPercent = percent;
    const double elapsed = double(now - m_startMs) / 1000.0;
    QString line = QStringLiteral("[%1] %2").arg(m_title, what);
    if (total > 0) {
        line += QStringLiteral(" %1%").arg(percent, 3);
        if (done > 0 && done < total)
            line += QStringLiteral("  ETA %1").arg(formatDuration(elapsed * double(total - done) / double(done)));
    }
    line += QStringLiteral("  elapsed %1").arg(formatDuration(elapsed));
    const QByteArray bytes = line.toLocal8Bit();
    std::fprintf(stderr, m_tty ? "\r\033[K%s" : "%s\n", bytes.constData());
    std::fflush(stderr);
}

void ProgressPrinter::finish()
{
    if (m_tty && m_lastPrintMs >= 0)
        std::fputs("\n", stderr);
}

} // namespace mlwb
