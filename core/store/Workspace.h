#pragma once
#include "store/Database.h"

#include <QString>
#include <memory>

namespace mlwb {

// A workspace folder:
//   mlwb.sqlite          the database (see Migrations.cpp)
//   datasets/<id>/       data set versions (DatasetStore)
//   runs/<id>/           per-run files: run.lock, checkpoints, artefacts
//   queue/<id>.lock      held by whoever runs queue entry <id> (RunLock::forQueueEntry)
//   models/<id>/         registered model versions
//   evaluations/         stored per-sample evaluations (EvaluationStore)
//   production/samples/  captured production inputs
//   logs/                rotating log files
// Shared by threads and stores as a WorkspacePtr; stores keep a reference to it.
class Workspace {
public:
    // explicitDir (--workspace) > env MLWB_WORKSPACE > <AppDataLocation>/workspace. Absolute.
    static QString resolvePath(const QString &explicitDir = {});

    // Creates the folders (where missing) and opens / migrates the database. Throws Error
    // naming the path when the folder cannot be created or the database cannot be used.
    static std::shared_ptr<Workspace> open(const QString &path);

    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    const QString &root() const { return m_root; }
    QString databasePath() const;
    QString datasetsDir() const;
    QString runsDir() const;
    QString modelsDir() const;
    QString evaluationsDir() const;
    QString productionSamplesDir() const;
    QString logsDir() const;

    QString datasetDir(const QString &datasetId) const;
    QString runDir(qint64 runId) const;
    QString modelDir(qint64 modelId) const;
    // Relative to root(), as stored in the database ("models/7").
    static QString modelRelativePath(qint64 modelId);
    // Resolves a path stored relative to the workspace.
    QString absolute(const QString &relativePath) const;

    Database &database() const { return *m_database; }

private:
    explicit Workspace(const QString &root);

    QString m_root;
    std::unique_ptr<Database> m_database;
};

using WorkspacePtr = std::shared_ptr<Workspace>;

} // namespace mlwb
