#include "MainWindow.h"

#include "Pages.h"
#include "evaluation/EvaluatePage.h"
#include "app/PreferencesDialog.h"
#include "app/Settings.h"
#include "app/Sidebar.h"
#include "common/Error.h"
#include "common/Log.h"
#include "jobs/JobBar.h"
#include "production/ApiSwitch.h"
#include "jobs/JobManager.h"
#include "labeling/LabelPage.h"
#include "log/LogPanel.h"
#include "monitoring/AlertIndicator.h"
#include "monitoring/MonitorPage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace mlwb {

namespace {

struct PageInfo {
    const char *name;
    QStyle::StandardPixmap icon;
    QWidget *(*create)(AppContext &, QWidget *);
};

// The order of a model's life; Ctrl+1..Ctrl+7 follow it.
const PageInfo kPages[MainWindow::kPageCount] = {
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Data"), QStyle::SP_DriveHDIcon, &createDataPage},
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Train"), QStyle::SP_MediaPlay, &createTrainPage},
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Evaluate"), QStyle::SP_FileDialogContentsView, &createEvaluatePage},
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Models"), QStyle::SP_FileDialogDetailedView, &createModelsPage},
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Sensor"), QStyle::SP_ComputerIcon, &createSensorPage},
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Label"), QStyle::SP_DialogApplyButton, &createLabelPage},
    {QT_TRANSLATE_NOOP("mlwb::MainWindow", "Monitor"), QStyle::SP_DesktopIcon, &createMonitorPage},
};

constexpr int kEvaluatePage = 2;
constexpr int kLabelPage = 5;
constexpr int kMonitorPage = 6;

bool isWorkspaceFolder(const QString &path)
{
    return QFileInfo::exists(QDir(path).filePath(QStringLiteral("mlwb.sqlite")));
}

} // namespace

MainWindow::MainWindow(const QString &workspacePath, QWidget *parent)
    : QMainWindow(parent), m_jobs(new JobManager(this)), m_sidebar(new Sidebar(this)),
      m_pages(new QStackedWidget(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_jobBar(new JobBar(*m_jobs, this)), m_apiSwitch(new ApiSwitch(this)),
      m_alertIndicator(new AlertIndicator(this)), m_logPanel(new LogPanel(this)), m_logDock(new QDockWidget(tr("Log"), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_context.jobs = m_jobs;
    m_context.showEvaluation = [this](qint64 modelId) {
        setCurrentPage(kEvaluatePage);
        if (auto *page = qobject_cast<EvaluatePage *>(m_pages->widget(kEvaluatePage)))
            page->showModel(modelId);
    };
    m_context.showInLabelQueue = [this](const QList<qint64> &ids, const QString &title) {
        setCurrentPage(kLabelPage);
        if (auto *page = qobject_cast<LabelPage *>(m_pages->widget(kLabelPage)))
            page->showSamples(ids, title);
    };
    m_pages->setObjectName(QStringLiteral("pages"));
    for (int i = 0; i < kPageCount; ++i)
        m_sidebar->addPage(style()->standardIcon(kPages[i].icon), tr(kPages[i].name),
                           QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({150, 850});
    setCentralWidget(m_splitter);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, &MainWindow::setCurrentPage);

    statusBar()->addPermanentWidget(m_alertIndicator);
    connect(m_alertIndicator, &AlertIndicator::openRequested, this, [this] {
        setCurrentPage(kMonitorPage);
        if (auto *page = qobject_cast<MonitorPage *>(m_pages->widget(kMonitorPage)))
            page->showAlerts();
    });
    statusBar()->addPermanentWidget(m_apiSwitch);
    statusBar()->addPermanentWidget(m_jobBar);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_logPanel);
    m_logDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({m_logDock}, {140}, Qt::Vertical);

    createMenus();
    resize(1100, 720);
    restoreGeometry(settings::windowGeometry());
    restoreState(settings::windowState());
    m_splitter->restoreState(settings::splitterState());

    if (!openWorkspace(workspacePath, /*tellUser=*/false))
        rebuildPages(); // the "no workspace" page
}

MainWindow::~MainWindow()
{
    // Jobs first (they may still report to pages), then the pages, while the context lives.
    delete m_jobs;
    m_jobs = nullptr;
    m_context.jobs = nullptr;
    clearPages();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *create = file->addAction(tr("&New workspace…"), this, [this] { chooseWorkspace(true); });
    create->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(tr("&Open workspace…"), this, [this] { chooseWorkspace(false); });
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    auto *group = new QActionGroup(this);
    for (int i = 0; i < kPageCount; ++i) {
        QAction *page = view->addAction(tr(kPages[i].name));
        page->setCheckable(true);
        page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        page->setShortcutContext(Qt::WindowShortcut);
        group->addAction(page);
        connect(page, &QAction::triggered, this, [this, i] { setCurrentPage(i); });
        connect(m_pages, &QStackedWidget::currentChanged, page, [page, i](int current) { page->setChecked(current == i); });
    }
    view->addSeparator();
    QAction *log = m_logDock->toggleViewAction();
    log->setText(tr("&Log panel"));
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(log);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About mlwb"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

bool MainWindow::openWorkspace(const QString &path, bool tellUser)
{
    if (m_jobs && !m_jobs->running().empty()) {
        QMessageBox::information(this, tr("Jobs are running"),
                                 tr("Wait for the running jobs to finish, or cancel them in the status bar, "
                                    "before opening another workspace."));
        return false;
    }
    WorkspacePtr workspace;
    try {
        workspace = Workspace::open(path);
    } catch (const Error &e) {
        spdlog::error("cannot open workspace {}: {}", path, e.message());
        if (tellUser)
            showOpenFailure(path, e.message());
        else // from the constructor: let the window appear first, then explain
            QTimer::singleShot(0, this, [this, path, message = e.message()] { showOpenFailure(path, message); });
        return false;
    }
    try {
        addLogFile(workspace->logsDir());
    } catch (const Error &e) {
        spdlog::warn("no log file in the workspace: {}", e.message());
    }
    const int page = m_context.workspace ? currentPage() : settings::lastPage();
    clearPages(); // the old pages go before the workspace they refer to
    m_context.workspace = std::move(workspace);
    rebuildPages();
    setCurrentPage(page);
    setWindowTitle(tr("%1 — MLOps Workbench").arg(QDir::toNativeSeparators(m_context.workspace->root())));
    settings::setLastWorkspace(m_context.workspace->root());
    spdlog::info("workspace {}", m_context.workspace->root());
    return true;
}

void MainWindow::showOpenFailure(const QString &path, const QString &reason)
{
    QMessageBox box(QMessageBox::Critical, tr("Cannot open the workspace"),
                    tr("The workspace at %1 cannot be opened.").arg(QDir::toNativeSeparators(path)),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("%1\n\nChoose another folder, or check that this one is writable and not "
                              "used by an older mlwb.").arg(reason));
    QPushButton *open = box.addButton(tr("Open workspace…"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Close);
    box.setDefaultButton(open);
    box.exec();
    if (box.clickedButton() == open)
        chooseWorkspace(false);
}

void MainWindow::clearPages()
{
    while (m_pages->count() > 0) {
        QWidget *page = m_pages->widget(0);
        m_pages->removeWidget(page);
        delete page;
    }
}

void MainWindow::rebuildPages()
{
    clearPages();
    m_apiSwitch->setWorkspace(m_context.workspace);
    m_alertIndicator->setCount(0); // until the new workspace's monitor has looked
    m_sidebar->setEnabled(bool(m_context.workspace));
    if (!m_context.workspace) {
        setWindowTitle(tr("MLOps Workbench"));
        auto *empty = new QWidget(m_pages);
        auto *label = new QLabel(tr("No workspace is open.\nA workspace is a folder that holds data sets, "
                                    "training runs and models."), empty);
        label->setAlignment(Qt::AlignCenter);
        auto *open = new QPushButton(tr("Open workspace…"), empty);
        auto *create = new QPushButton(tr("New workspace…"), empty);
        connect(open, &QPushButton::clicked, this, [this] { chooseWorkspace(false); });
        connect(create, &QPushButton::clicked, this, [this] { chooseWorkspace(true); });
        auto *layout = new QVBoxLayout(empty);
        layout->addStretch();
        layout->addWidget(label);
        layout->addWidget(open, 0, Qt::AlignHCenter);
        layout->addWidget(create, 0, Qt::AlignHCenter);
        layout->addStretch();
        m_pages->addWidget(empty);
        return;
    }
    for (const PageInfo &info : kPages) {
        QWidget *page = nullptr;
        try {
            page = info.create(m_context, m_pages);
        } catch (const std::exception &e) {
            spdlog::error("the {} page failed to start: {}", info.name, e.what());
            page = new QLabel(tr("This page failed to start:\n%1").arg(QString::fromLocal8Bit(e.what())), m_pages);
            static_cast<QLabel *>(page)->setAlignment(Qt::AlignCenter);
        }
        m_pages->addWidget(page);
    }
    // The monitor page counts the open alerts each time it looks (off the UI thread).
    if (auto *monitor = qobject_cast<MonitorPage *>(m_pages->widget(kMonitorPage)))
        connect(monitor, &MonitorPage::alertsChanged, m_alertIndicator, &AlertIndicator::setCount);
}

int MainWindow::currentPage() const
{
    return m_context.workspace ? m_pages->currentIndex() : settings::lastPage();
}

void MainWindow::setCurrentPage(int index)
{
    if (!m_context.workspace || index < 0 || index >= m_pages->count())
        return;
    m_pages->setCurrentIndex(index);
    if (m_sidebar->currentRow() != index)
        m_sidebar->setCurrentRow(index);
}

void MainWindow::chooseWorkspace(bool create)
{
    const QString start = m_context.workspace ? QFileInfo(m_context.workspace->root()).absolutePath() : QDir::homePath();
    const QString path = QFileDialog::getExistingDirectory(
        this, create ? tr("Choose an empty folder for the new workspace") : tr("Open a workspace folder"), start);
    if (path.isEmpty())
        return;
    if (create && !isWorkspaceFolder(path) && !QDir(path).isEmpty()) {
        QMessageBox::warning(this, tr("Folder not empty"),
                             tr("%1 already holds other files. Choose an empty folder (the dialog can create one) "
                                "so that the workspace's files do not mix with them.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    if (!create && !isWorkspaceFolder(path)) {
        const auto answer = QMessageBox::question(
            this, tr("Not a workspace"),
            tr("%1 is not an mlwb workspace yet. Create a new workspace in it?").arg(QDir::toNativeSeparators(path)));
        if (answer != QMessageBox::Yes)
            return;
    }
    openWorkspace(path, true);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About mlwb"),
                       tr("<h3>MLOps Workbench %1</h3>"
                          "<p>Ingest image data sets, train and evaluate classifiers, and promote the best one "
                          "to production — on one machine.</p>"
                          "<p>The same work runs headless: <code>mlwb --help</code>.</p>")
                           .arg(QStringLiteral(MLWB_VERSION)));
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    dialog.exec();
}

void MainWindow::saveSettings() const
{
    settings::setWindowGeometry(saveGeometry());
    settings::setWindowState(saveState());
    settings::setSplitterState(m_splitter->saveState());
    if (m_context.workspace)
        settings::setLastPage(m_pages->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_jobs && !m_jobs->running().empty()) {
        const auto answer = QMessageBox::question(this, tr("Jobs are running"),
                                                  tr("%n job(s) still running. Cancel them and quit?", nullptr,
                                                     int(m_jobs->running().size())));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_jobs->cancelAll(); // the destructor waits for them to stop
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace mlwb
