#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "common/CodeVersion.h"
#include "common/Error.h"
#include "common/Log.h"

#include <QTextStream>
#include <spdlog/spdlog.h>

namespace mlwb {

namespace {

const Command kCommands[] = {
    {"data ingest", "Read a data set (IDX, npz, PNG folder + CSV, class folders, CIFAR-10) into a version", cmdDataIngest},
    {"data list", "List data set versions", cmdDataList},
    {"data build", "Build a version from a base plus the labeled production samples (--from-production)", cmdDataBuild},
    {"data lineage", "Show what a built data set version was made of", cmdDataLineage},
    {"train", "Train a model on a data set version; registers the model version", cmdTrain},
    {"runs list", "List training runs", cmdRunsList},
    {"runs resume", "Resume an interrupted run from its last checkpoint", cmdRunsResume},
    {"queue add", "Queue runs: every data set x model x hyper-parameter value", cmdQueueAdd},
    {"queue list", "List the run queue in running order", cmdQueueList},
    {"queue run", "Train the waiting queue entries one at a time", cmdQueueRun},
    {"queue move", "Move a waiting entry up or down", cmdQueueMove},
    {"queue priority", "Set a waiting entry's priority", cmdQueuePriority},
    {"queue hold", "Hold waiting entries (they keep their place)", cmdQueueHold},
    {"queue release", "Release held entries", cmdQueueRelease},
    {"queue remove", "Remove queue entries (--finished: all finished ones)", cmdQueueRemove},
    {"queue pause", "Pause the queue: no new run starts", cmdQueuePause},
    {"queue resume", "Let a paused queue run again", cmdQueueResume},
    {"eval", "Evaluate a model version: F1, confusion matrix, failures, robustness", cmdEval},
    {"models architectures", "Built-in architectures with parameter counts", cmdModelsArchitectures},
    {"models list", "List model versions", cmdModelsList},
    {"models compare", "Rank model versions by macro-F1, or compare 2-4 on one test set (McNemar)", cmdModelsCompare},
    {"models import", "Register a TorchScript classifier made elsewhere; evaluates it", cmdModelsImport},
    {"promote", "Move the production alias to a model version that passes the gates", cmdPromote},
    {"rollback", "Return production to the previous model version", cmdRollback},
    {"gates", "Show or set the promotion gates", cmdGates},
    {"label-errors", "Samples whose recorded label a model doubts most; flag them", cmdLabelErrors},
    {"predict", "Predict the class of an image file (any size, MNIST-style preprocessing)", cmdPredict},
    {"export", "Export a model version as TorchScript for Python (torch.jit.load)", cmdExport},
    {"serve", "Serve the production model over HTTP (POST /v1/predict); stores every answer", cmdServe},
    {"samples list", "List production samples (canvas, watched folder, API), newest first", cmdSamplesList},
    {"samples show", "Show a production sample: input pixels, answer, label history", cmdSamplesShow},
    {"samples import", "Send a folder of PNG/JPEG files through the production model as samples", cmdSamplesImport},
    {"samples label", "Label a production sample (or --discard it as not a digit)", cmdSamplesLabel},
    {"retrain", "Retrain production on the labeled samples (--fine-tune); compare on base and production tests", cmdRetrain},
    {"monitor", "Drift and estimated accuracy of the latest production samples; alerts (exit 3), `monitor alerts`/`ack`", cmdMonitor},
};

// "  data ingest           Read a data set ..." in `mlwb --help`.
QString usageLine(const Command &command)
{
    return QStringLiteral("  %1%2\n").arg(QString::fromLatin1(command.name), -22).arg(QString::fromLatin1(command.summary));
}

QString usage()
{
    QString text = QStringLiteral(
        "Usage: mlwb [--workspace DIR] [--json] COMMAND [options]\n"
        "Without a command, mlwb opens the workbench window.\n\n"
        "Commands:\n");
    for (const Command &c : kCommands)
        text += usageLine(c);
    text += QStringLiteral(
        "\nGlobal options: --workspace DIR (or MLWB_WORKSPACE), --json, --help, --version\n"
        "Exit codes: 0 done, 1 error, 2 bad usage, 3 a gate was not met.\n"
        "`mlwb COMMAND --help` describes a command's options.\n");
    return text;
}

// The commands whose first word is `group` ("queue" → queue add, queue list...), or nothing.
QString groupUsage(const QString &group)
{
    QString text;
    for (const Command &c : kCommands)
        if (QString::fromLatin1(c.name).startsWith(group + u' '))
            text += usageLine(c);
    if (text.isEmpty())
        return {};
    return QStringLiteral("Usage: mlwb %1 COMMAND [options]\n\n%2\n`mlwb %1 COMMAND --help` describes a command's options.\n")
        .arg(group, text);
}

struct Parsed {
    QString workspace;
    bool json = false;
    QStringList rest;
};

// Global options may stand before the command; the command's parser accepts them too.
Parsed splitGlobalOptions(const QStringList &arguments)
{
    Parsed p;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (!p.rest.isEmpty()) {
            p.rest << a;
        } else if (a == u"--json") {
            p.json = true;
        } else if (a == u"--workspace") {
            if (i + 1 >= arguments.size())
                throw UsageError(QStringLiteral("--workspace needs a folder"));
            p.workspace = arguments[++i];
        } else if (a.startsWith(u"--workspace=")) {
            p.workspace = a.mid(12);
        } else {
            p.rest << a;
        }
    }
    return p;
}

const Command *findCommand(const QStringList &rest, int *words)
{
    for (const Command &c : kCommands) {
        const QStringList parts = QString::fromLatin1(c.name).split(u' ');
        if (rest.size() >= parts.size() && rest.mid(0, parts.size()) == parts) {
            *words = int(parts.size());
            return &c;
        }
    }
    return nullptr;
}

} // namespace

bool wantsCli(const QStringList &arguments)
{
    try {
        return !splitGlobalOptions(arguments).rest.isEmpty();
    } catch (const UsageError &) {
        return true;
    }
}

int runCli(const QStringList &arguments)
{
    QTextStream err(stderr);
    try {
        const Parsed parsed = splitGlobalOptions(arguments);
        const QStringList &rest = parsed.rest;
        if (rest.isEmpty() || rest.first() == u"--help" || rest.first() == u"-h" || rest.first() == u"help") {
            QTextStream(stdout) << usage();
            return rest.isEmpty() ? ExitUsage : ExitDone;
        }
        if (rest.first() == u"--version") {
            QTextStream(stdout) << "mlwb " << codeVersion() << "\n";
            return ExitDone;
        }
        int words = 0;
        const Command *command = findCommand(rest, &words);
        if (!command) {
            // "mlwb queue" or "mlwb queue --help": the commands of that group.
            const QString group = groupUsage(rest.first());
            const bool help = rest.size() == 2 && (rest[1] == u"--help" || rest[1] == u"-h");
            if (!group.isEmpty() && (rest.size() == 1 || help)) {
                (help ? QTextStream(stdout) : QTextStream(stderr)) << group;
                return help ? ExitDone : ExitUsage;
            }
            throw UsageError(QStringLiteral("unknown command '%1'; `mlwb --help` lists the commands").arg(rest.mid(0, 2).join(u' ')));
        }
        CliContext context(parsed.workspace, parsed.json);
        QStringList args{QString::fromLatin1(command->name)};
        args << rest.mid(words);
        return command->run(context, args);
    } catch (const GateNotMet &e) {
        err << "mlwb: " << e.message() << "\n";
        return ExitGateNotMet;
    } catch (const UsageError &e) {
        err << "mlwb: " << e.message() << "\n";
        return ExitUsage;
    } catch (const Cancelled &) {
        err << "mlwb: cancelled\n";
        return ExitError;
    } catch (const Error &e) {
        err << "mlwb: " << e.message() << "\n";
        return ExitError;
    } catch (const std::exception &e) {
        err << "mlwb: unexpected error: " << e.what() << "\n";
        return ExitError;
    }
}

} // namespace mlwb
