#pragma once
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <memory>

#include "store/Workspace.h"

namespace mlwb {

// Exit codes are part of the interface: CI scripts branch on them.
enum ExitCode : int { ExitDone = 0, ExitError = 1, ExitUsage = 2, ExitGateNotMet = 3 };

// What every command gets: the global options and the (lazily opened) workspace.
class CliContext {
public:
    CliContext(QString workspaceOption, bool json);
    ~CliContext();

    bool json() const { return m_json; }
    Workspace &workspace();
    WorkspacePtr workspaceShared();
    QString workspacePath() const;

    // Parses a command's own arguments (args[0] is the command path, e.g. "data ingest").
    // Adds --json, --workspace and --help; throws UsageError with the parser's message.
    void parse(QCommandLineParser &parser, const QStringList &args, const QString &synopsis);

    // The command's result: one JSON document with --json, else the text.
    void print(const QJsonObject &json, const QString &text) const;
    void print(const QJsonArray &json, const QString &text) const;

private:
    QString m_workspaceOption;
    bool m_json;
    WorkspacePtr m_workspace;
};

// Tells a person on stderr how long work is going (stdout stays for the result): a live line
// on a terminal, a line per 10% otherwise.
class ProgressPrinter {
public:
    explicit ProgressPrinter(QString title);
    void update(qint64 done, qint64 total, const QString &what);
    void finish();

private:
    QString m_title;
    bool m_tty;
    qint64 m_startMs;
    qint64 m_lastPrintMs = -1;
    int m_lastPercent = -1;
};

QString formatDuration(double seconds);

} // namespace mlwb
