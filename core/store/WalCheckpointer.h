#pragma once
#include <memory>

namespace mlwb {

class Database;

// Takes SQLite's WAL checkpoints off a thread that commits many small transactions a second
// (the inference service's writer). By default the commit that grows the log past 1,000 pages
// copies the log into the database file and syncs it: under load that stalled the writer for
// milliseconds several times a second, and every answer waiting on it (the API's p99 went from
// 3 to 10 ms). Made on the writer's thread, it turns automatic checkpoints off for that
// thread's connection; a thread of its own then runs passive checkpoints, which never block
// the writer, shortly after commits.
// A passive checkpoint alone never lets the log start over while the writer keeps writing (it
// copies what was there when it began, and more is there when it ends): the log grew by
// 100 MB a second. So once the log is longer than restartPages (4 MiB of 4 KiB pages), the
// writer finishes the job between two transactions (afterAnswering): what is left to copy is
// what arrived since the last passive pass, and its next commit starts the log over.
// SQLite only: a server database checkpoints by itself.
class WalCheckpointer {
public:
    explicit WalCheckpointer(const Database &database, int intervalMs = 50, int restartPages = 1024);
    ~WalCheckpointer(); // on the writer's thread: a last checkpoint, automatic ones back on

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // On the writer's thread, after each commit: a checkpoint follows within the interval.
    void committed();
    // On the writer's thread when nothing waits for it (its answers are out): completes the
    // checkpoint when the log is due to start over.
    void afterAnswering();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mlwb
