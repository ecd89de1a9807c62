#pragma once
#include "common/Cancel.h"

#include <QString>
#include <functional>

namespace mlwb {

class Job;

// Runs a job off the main thread while the main thread prints its progress on stderr.
// Ctrl+C cancels the job (it ends cleanly). Rethrows what the job threw.
void runJobInCli(Job &job);

// The same for work that has no Job class of its own: `work` gets a progress callback (shown
// as `doing`) and the flag that Ctrl+C raises.
void runInCli(const QString &title, const QString &doing,
              const std::function<void(const ProgressFn &, const CancelFlag &)> &work);

} // namespace mlwb
