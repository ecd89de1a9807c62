#pragma once
#include "AppContext.h"

#include <QMainWindow>
#include <memory>

class QDockWidget;
class QSplitter;
class QStackedWidget;

namespace mlwb {

class AlertIndicator;
class ApiSwitch;

class JobBar;
class JobManager;
class LogPanel;
class Sidebar;

// The workbench window: a sidebar of pages (Data, Train, Evaluate, Models, Sensor, Label,
// Monitor; Ctrl+1..Ctrl+7), the pages of the open workspace, the running jobs, the API switch
// and the monitor's open alerts in the status bar, a dockable log panel. Geometry, docks, sidebar width and the last page are restored
// at the next start.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Opens the workspace at workspacePath; when that fails, says why and offers File > Open.
    explicit MainWindow(const QString &workspacePath, QWidget *parent = nullptr);
    ~MainWindow() override;

    static constexpr int kPageCount = 7;

    // Opens (creating where needed) the workspace and rebuilds the pages; false after telling
    // the user why it failed, or when jobs still run on the current one.
    bool openWorkspace(const QString &path, bool tellUser = true);
    const WorkspacePtr &workspace() const { return m_context.workspace; }

    JobManager &jobs() { return *m_jobs; }
    JobBar *jobBar() const { return m_jobBar; }
    ApiSwitch *apiSwitch() const { return m_apiSwitch; }
    AlertIndicator *alertIndicator() const { return m_alertIndicator; }
    LogPanel *logPanel() const { return m_logPanel; }
    QStackedWidget *pages() const { return m_pages; }
    int currentPage() const;
    void setCurrentPage(int index);

    void saveSettings() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void clearPages();
    void rebuildPages();
    void chooseWorkspace(bool create);
    void showAbout();
    void showPreferences();
    void showOpenFailure(const QString &path, const QString &reason);

    JobManager *m_jobs;
    AppContext m_context;
    Sidebar *m_sidebar;
    QStackedWidget *m_pages;
    QSplitter *m_splitter;
    JobBar *m_jobBar;
    ApiSwitch *m_apiSwitch;
    AlertIndicator *m_alertIndicator;
    LogPanel *m_logPanel;
    QDockWidget *m_logDock;
};

} // namespace mlwb
