#pragma once
// Runs the mlwb executable on one workspace and captures what it says.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

// Checks the exit code of a command, running it once (the command may be a call: it must not run
// again to describe a failure).
#define CLI_EXIT(result, code)                                                                       \
    do {                                                                                             \
        const ::mlwb::test::CliResult cliResult_ = (result);                                         \
        QVERIFY2(cliResult_.exitCode == (code), cliResult_.describe().constData());                  \
    } while (false)
#define CLI_OK(result) CLI_EXIT(result, 0)

namespace mlwb::test {

struct CliResult {
    int exitCode = -1;   // -1 when the process crashed or did not finish in time
    QByteArray out;
    QByteArray err;
    QString error;       // why exitCode is -1

    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    QString errText() const { return QString::fromLocal8Bit(err); }
    // For failure messages: the exit code, stderr and the start of stdout.
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + (error.isEmpty() ? QByteArray() : " (" + error.toUtf8() + ")")
               + "\nstderr: " + err.right(2000) + "\nstdout: " + out.left(1000);
    }
};

class CliRunner {
public:
    explicit CliRunner(QString workspace) : m_workspace(std::move(workspace)) {}

    const QString &workspace() const { return m_workspace; }

    // `mlwb --workspace W --json ARGS...`, waiting at most timeoutMs.
    CliResult run(const QStringList &args, int timeoutMs = 120000) const
    {
        auto process = start(args);
        return finish(*process, timeoutMs);
    }

    // Starts `mlwb --workspace W --json ARGS...` and returns at once.
    std::unique_ptr<QProcess> start(const QStringList &args) const
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment());
        process->setProgram(QStringLiteral(MLWB_BINARY));
        process->setArguments(QStringList{QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json")} + args);
        process->start();
        return process;
    }

    static CliResult finish(QProcess &process, int timeoutMs = 120000)
    {
        CliResult r;
        if (!process.waitForStarted(30000)) {
            r.error = QStringLiteral("did not start: ") + process.errorString();
            return r;
        }
        if (!process.waitForFinished(timeoutMs)) {
            r.error = QStringLiteral("still running after %1 ms: killed").arg(timeoutMs);
            process.kill();
            process.waitForFinished(10000);
        } else if (process.exitStatus() == QProcess::CrashExit) {
            r.error = QStringLiteral("crashed: ") + process.errorString();
        } else {
            r.exitCode = process.exitCode();
        }
        r.out = process.readAllStandardOutput();
        r.err = process.readAllStandardError();
        return r;
    }

    // The caller's environment, quiet logging, and no MLWB_WORKSPACE (so --workspace decides).
    static QProcessEnvironment environment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("MLWB_WORKSPACE"));
        env.insert(QStringLiteral("MLWB_LOG_LEVEL"), QStringLiteral("warn"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }

private:
    QString m_workspace;
};

} // namespace mlwb::test
