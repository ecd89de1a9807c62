#pragma once
#include "store/Workspace.h"

#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace mlwb {

class JobManager;

// What every page gets: the open workspace and the job manager that runs long work off the
// UI thread and shows it in the status bar. Owned by the MainWindow; pages keep a reference.
// When the user opens another workspace, the MainWindow rebuilds its pages.
struct AppContext {
    WorkspacePtr workspace;
    JobManager *jobs = nullptr;
    // Opens the Evaluate page on a model version (set by the MainWindow; empty in tests of a
    // single page).
    std::function<void(qint64 modelId)> showEvaluation;
    // Opens the Label page with exactly these production samples as its queue, in this order,
    // under "Showing N samples of <title>" (the Monitor page's window, most drifting first).
    // Set by the MainWindow; empty in tests of a single page.
    std::function<void(const QList<qint64> &ids, const QString &title)> showInLabelQueue;
};

} // namespace mlwb
