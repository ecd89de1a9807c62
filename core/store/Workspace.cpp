#include "store/Workspace.h"

#include "common/AtomicFolder.h"
#include "common/Error.h"
#include "common/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace mlwb {

QString Workspace::resolvePath(const QString &explicitDir)
{
    QString dir = explicitDir;
    if (dir.isEmpty())
        dir = qEnvironmentVariable("MLWB_WORKSPACE");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace");
    return QDir::cleanPath(QDir(dir).absolutePath());
}

std::shared_ptr<Workspace> Workspace::open(const QString &path)
{
    return std::shared_ptr<Workspace>(new Workspace(QDir::cleanPath(QDir(path).absolutePath())));
}

Workspace::Workspace(const QString &root) : m_root(root)
{
    const QFileInfo info(m_root);
    if (info.exists() && !info.isDir())
        throw Error(QStringLiteral("%1: is a file, not a workspace folder").arg(m_root));
    for (const QString &dir : {m_root, datasetsDir(), runsDir(), modelsDir(), evaluationsDir(), productionSamplesDir(), logsDir()})
        if (!QDir().mkpath(dir))
            throw Error(QStringLiteral("%1: cannot create the workspace folder").arg(dir));
    m_database = std::make_unique<Database>(databasePath());
    // What a killed writer left half-written is never visible; it goes at the next start too.
    for (const QString &dir : {datasetsDir(), modelsDir()})
        removeDeadTemporaryFolders(dir);
    spdlog::debug("opened workspace {}", m_root);
}

QString Workspace::databasePath() const { return m_root + QStringLiteral("/mlwb.sqlite"); }
QString Workspace::datasetsDir() const { return m_root + QStringLiteral("/datasets"); }
QString Workspace::runsDir() const { return m_root + QStringLiteral("/runs"); }
QString Workspace::modelsDir() const { return m_root + QStringLiteral("/models"); }
QString Workspace::evaluationsDir() const { return m_root + QStringLiteral("/evaluations"); }
QString Workspace::productionSamplesDir() const { return m_root + QStringLiteral("/production/samples"); }
QString Workspace::logsDir() const { return m_root + QStringLiteral("/logs"); }

QString Workspace::datasetDir(const QString &datasetId) const
{
    return datasetsDir() + u'/' + datasetId;
}

QString Workspace::runDir(qint64 runId) const
{
    return runsDir() + u'/' + QString::number(runId);
}

QString Workspace::modelDir(qint64 modelId) const
{
    return absolute(modelRelativePath(modelId));
}

QString Workspace::modelRelativePath(qint64 modelId)
{
    return QStringLiteral("models/%1").arg(modelId);
}

QString Workspace::absolute(const QString &relativePath) const
{
    return QDir::cleanPath(QDir(m_root).absoluteFilePath(relativePath));
}

} // namespace mlwb
