#include "app/Settings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>

namespace mlwb::settings {

namespace {

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kLastPage = QStringLiteral("window/lastPage");
const QString kLanguage = QStringLiteral("ui/language");
const QString kLastWorkspace = QStringLiteral("workspace/last");

QVariant read(const QString &key, const QVariant &fallback = {})
{
    return QSettings().value(key, fallback);
}

void write(const QString &key, const QVariant &value)
{
    QSettings().setValue(key, value);
}

// One group per workspace; its path hashed, since QSettings keys cannot hold every path.
QString watchedGroup(const QString &workspaceRoot)
{
    const QByteArray hash = QCryptographicHash::hash(QDir::cleanPath(workspaceRoot).toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("sensor/watched/") + QString::fromLatin1(hash.left(16));
}

} // namespace

QByteArray windowGeometry() { return read(kGeometry).toByteArray(); }
void setWindowGeometry(const QByteArray &geometry) { write(kGeometry, geometry); }

QByteArray windowState() { return read(kState).toByteArray(); }
void setWindowState(const QByteArray &state) { write(kState, state); }

QByteArray splitterState() { return read(kSplitter).toByteArray(); }
void setSplitterState(const QByteArray &state) { write(kSplitter, state); }

int lastPage() { return read(kLastPage, 0).toInt(); }
void setLastPage(int index) { write(kLastPage, index); }

QString language() { return read(kLanguage).toString(); }
void setLanguage(const QString &code) { write(kLanguage, code); }

QString lastWorkspace() { return read(kLastWorkspace).toString(); }
void setLastWorkspace(const QString &path) { write(kLastWorkspace, path); }

WatchedFolder watchedFolder(const QString &workspaceRoot)
{
    const QString group = watchedGroup(workspaceRoot);
    return {read(group + QStringLiteral("/path")).toString(), read(group + QStringLiteral("/watching"), false).toBool()};
}

void setWatchedFolder(const QString &workspaceRoot, const WatchedFolder &folder)
{
    const QString group = watchedGroup(workspaceRoot);
    write(group + QStringLiteral("/path"), folder.path);
    write(group + QStringLiteral("/watching"), folder.watching);
}

} // namespace mlwb::settings
