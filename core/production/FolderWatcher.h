#pragma once
#include "common/Cancel.h"
#include "production/InferenceService.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

class QFileSystemWatcher;
class QTimer;

namespace mlwb {

// Watches a folder for image files (PNG, JPEG: *.png, *.jpg, *.jpeg, any case) and sends each
// through an InferenceService as a Folder sample named by its file name. New files are noticed
// by QFileSystemWatcher and by a scan every second (network folders do not always notify); a
// file still being written is left until its size and time have not changed for 200 ms. Each
// file is sent once in the watcher's lifetime (a file replaced under the same name is not sent
// again); files already there when it starts are sent too unless processExisting is false.
// Not recursive; hidden files are ignored. Lives on, and signals on, the thread that made it.
class FolderWatcher : public QObject {
    Q_OBJECT
public:
    FolderWatcher(InferenceService &service, QString folder, bool processExisting = true, QObject *parent = nullptr);
    ~FolderWatcher() override;

    const QString &folder() const { return m_folder; }
    // Starts watching (creating the folder when missing); throws Error when it cannot be created.
    void start();
    void stop();
    bool isWatching() const { return m_watching; }

    int processed() const { return m_processed; } // answered with a prediction
    int failed() const { return m_failed; }       // refused (not an image, unreadable)
    int pending() const { return m_inFlight; }    // sent, not answered yet

    static bool isImageFile(const QString &fileName);

Q_SIGNALS:
    void fileProcessed(const QString &file, qint64 sampleId, int predicted); // file: absolute path
    void fileFailed(const QString &file, const QString &message);
    void countsChanged(int processed, int failed, int pending);

private:
    void scan();
    void send(const QString &path);

    struct Seen {
        qint64 size = -1;
        qint64 modifiedMs = -1;
        qint64 sinceMs = 0; // when this size and time were first seen
    };

    InferenceService &m_service;
    QString m_folder;
    bool m_processExisting;
    bool m_watching = false;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_scanTimer = nullptr;  // the periodic scan
    QTimer *m_settleTimer = nullptr; // a scan soon after a change, to see files settle
    QSet<QString> m_done;            // sent (or skipped as existing), by absolute path
    QHash<QString, Seen> m_seen;     // waiting to settle
    int m_processed = 0, m_failed = 0, m_inFlight = 0;
};

// A one-shot `samples import`: every image file of `folder` (sorted by name, not recursive)
// through the service as Folder samples, a chunk of files at a time. Answers in file order,
// each with originalName = the file name; an unreadable or broken file is an answer with an
// error and the others still go. progress: files answered of all. Throws Error when the
// folder cannot be read, Cancelled between chunks (what was answered stays stored).
QList<InferenceAnswer> importFolder(InferenceService &service, const QString &folder,
                                    const ProgressFn &progress = {}, const CancelFlag *cancel = nullptr);

} // namespace mlwb
