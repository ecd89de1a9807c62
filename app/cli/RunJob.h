#pragma once

namespace mlwb {

class Job;

// Runs a job off the main thread while the main thread prints its progress on stderr.
// Ctrl+C cancels the job (it ends cleanly). Rethrows what the job threw.
void runJobInCli(Job &job);

} // namespace mlwb
