#pragma once
#include <QStringList>

namespace mlwb {

class CliContext;

// Each command parses its own arguments (args[0] is its name) and returns an ExitCode.
// Errors are thrown (mlwb::Error, UsageError, GateError) and mapped to exit codes by runCli.
using CommandFn = int (*)(CliContext &, const QStringList &args);

struct Command {
    const char *name;     // "data ingest"
    const char *summary;  // one line for `mlwb --help`
    CommandFn run;
};

int cmdDataIngest(CliContext &, const QStringList &);
int cmdDataList(CliContext &, const QStringList &);
int cmdDataBuild(CliContext &, const QStringList &);
int cmdDataLineage(CliContext &, const QStringList &);
int cmdRetrain(CliContext &, const QStringList &);
int cmdTrain(CliContext &, const QStringList &);
int cmdRunsList(CliContext &, const QStringList &);
int cmdRunsResume(CliContext &, const QStringList &);
int cmdEval(CliContext &, const QStringList &);
int cmdModelsArchitectures(CliContext &, const QStringList &);
int cmdModelsList(CliContext &, const QStringList &);
int cmdModelsCompare(CliContext &, const QStringList &);
int cmdModelsImport(CliContext &, const QStringList &);
int cmdLabelErrors(CliContext &, const QStringList &);
int cmdPromote(CliContext &, const QStringList &);
int cmdRollback(CliContext &, const QStringList &);
int cmdGates(CliContext &, const QStringList &);
int cmdPredict(CliContext &, const QStringList &);
int cmdExport(CliContext &, const QStringList &);
int cmdServe(CliContext &, const QStringList &);
int cmdQueueAdd(CliContext &, const QStringList &);
int cmdQueueList(CliContext &, const QStringList &);
int cmdQueueRun(CliContext &, const QStringList &);
int cmdQueueRemove(CliContext &, const QStringList &);
int cmdQueueMove(CliContext &, const QStringList &);
int cmdQueuePriority(CliContext &, const QStringList &);
int cmdQueueHold(CliContext &, const QStringList &);
int cmdQueueRelease(CliContext &, const QStringList &);
int cmdQueuePause(CliContext &, const QStringList &);
int cmdQueueResume(CliContext &, const QStringList &);
int cmdSamplesList(CliContext &, const QStringList &);
int cmdSamplesShow(CliContext &, const QStringList &);
int cmdSamplesImport(CliContext &, const QStringList &);
int cmdSamplesLabel(CliContext &, const QStringList &);
int cmdMonitor(CliContext &, const QStringList &);

// The model versions as `models list` (newest first) and `models compare` without ids (best
// macro-F1 first) print them.
int printModelVersions(CliContext &, bool bestFirst);

// Runs `mlwb [global options] COMMAND ...`; returns the process exit code.
int runCli(const QStringList &arguments);
// True when the arguments name a command (or ask for help/version): no window then.
bool wantsCli(const QStringList &arguments);

} // namespace mlwb
