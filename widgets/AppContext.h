#pragma once
#include "store/Workspace.h"

#include <QObject>

namespace mlwb {

class JobManager;

// What every page gets: the open workspace and the job manager that runs long work off the
// UI thread and shows it in the status bar. Owned by the MainWindow; pages keep a reference.
// When the user opens another workspace, the MainWindow rebuilds its pages.
struct AppContext {
    WorkspacePtr workspace;
    JobManager *jobs = nullptr;
};

} // namespace mlwb
