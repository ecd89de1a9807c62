#pragma once
#include <QByteArray>
#include <QString>

namespace mlwb::settings {

// Every QSettings key of the GUI, declared once, as typed accessors. The file is the one of
// the application's organisation/name (set in main); tests turn on QStandardPaths' test mode.

QByteArray windowGeometry();
void setWindowGeometry(const QByteArray &geometry);

QByteArray windowState(); // toolbars and docks (the log panel)
void setWindowState(const QByteArray &state);

QByteArray splitterState(); // sidebar width
void setSplitterState(const QByteArray &state);

int lastPage(); // 0 (Data) when never stored
void setLastPage(int index);

// "" = the system's language, otherwise a language code ("en", "de").
QString language();
void setLanguage(const QString &code);

// The workspace opened last through the File menu; empty when none.
QString lastWorkspace();
void setLastWorkspace(const QString &path);

// The folder the Sensor page watches in a workspace (by its root), and whether it was being
// watched when the window closed: watching then starts again when the workspace opens.
struct WatchedFolder {
    QString path; // empty when never chosen
    bool watching = false;
};
WatchedFolder watchedFolder(const QString &workspaceRoot);
void setWatchedFolder(const QString &workspaceRoot, const WatchedFolder &folder);

} // namespace mlwb::settings
