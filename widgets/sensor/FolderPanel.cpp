#include "sensor/FolderPanel.h"

#include "AppContext.h"
#include "app/Settings.h"
#include "common/Error.h"
#include "production/FolderWatcher.h"
#include "production/InferenceService.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace mlwb {

FolderPanel::FolderPanel(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_folder(new QLineEdit(this)), m_choose(new QPushButton(tr("C&hoose…"), this)),
      m_startStop(new QPushButton(this)), m_counts(new QLabel(this)), m_error(new QLabel(this)),
      m_recent(new QListWidget(this))
{
    setObjectName(QStringLiteral("folderPanel"));
    m_folder->setObjectName(QStringLiteral("watchedFolder"));
    m_folder->setReadOnly(true);
    m_folder->setToolTip(tr("Every PNG or JPEG written into this folder goes to the production model and is stored "
                            "as a sample"));
    settings::WatchedFolder remembered;
    if (m_context.workspace) {
        remembered = settings::watchedFolder(m_context.workspace->root());
        const QString path = remembered.path.isEmpty() ? QDir(m_context.workspace->root()).filePath(QStringLiteral("watched"))
                                                       : remembered.path;
        m_folder->setText(QDir::toNativeSeparators(path));
    }
    m_choose->setToolTip(tr("Choose the folder to watch"));
    connect(m_choose, &QPushButton::clicked, this, &FolderPanel::choose);
    m_startStop->setObjectName(QStringLiteral("watchButton"));
    connect(m_startStop, &QPushButton::clicked, this, [this] {
        if (isWatching())
            stop();
        else
            start();
    });
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // one line; the whole in its tooltip
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();
    m_recent->setObjectName(QStringLiteral("folderRecent"));
    m_recent->setViewMode(QListView::IconMode);
    m_recent->setFlow(QListView::LeftToRight);
    m_recent->setWrapping(false);
    m_recent->setIconSize(QSize(40, 40));
    m_recent->setGridSize(QSize(92, 72));
    m_recent->setMovement(QListView::Static);
    m_recent->setMinimumHeight(60);
    m_recent->setFocusPolicy(Qt::NoFocus);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Folder:"), this));
    row->addWidget(m_folder, 1);
    row->addWidget(m_choose);
    row->addWidget(m_startStop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_counts);
    layout->addWidget(m_error);
    layout->addWidget(m_recent, 1);
    showState();
    // A device keeps writing while the window is closed: pick up where the last session stopped.
    if (remembered.watching)
        QTimer::singleShot(0, this, [this] { start(); });
}

void FolderPanel::remember() const
{
    if (m_context.workspace)
        settings::setWatchedFolder(m_context.workspace->root(), {folder(), isWatching()});
}

FolderPanel::~FolderPanel()
{
    m_watcher.reset(); // before its service
}

QString FolderPanel::folder() const
{
    return QDir::fromNativeSeparators(m_folder->text());
}

void FolderPanel::setFolder(const QString &path)
{
    if (QDir::cleanPath(path) == QDir::cleanPath(folder()))
        return;
    stop();
    m_folder->setText(QDir::toNativeSeparators(path));
    remember();
}

void FolderPanel::choose()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Choose the folder to watch"), folder());
    if (!path.isEmpty())
        setFolder(path);
}

bool FolderPanel::isWatching() const
{
    return m_watcher && m_watcher->isWatching();
}

bool FolderPanel::start()
{
    if (isWatching())
        return true;
    m_error->hide();
    try {
        if (!m_service) {
            InferenceService::Options options; // follows the production model
            auto service = std::make_unique<InferenceService>(m_context.workspace, options);
            service->start();
            m_service = std::move(service);
            // A promotion moves the service to another model, maybe with other classes.
            connect(m_service.get(), &InferenceService::modelChanged, this, &FolderPanel::readClassNames);
        }
        readClassNames();
        m_watcher = std::make_unique<FolderWatcher>(*m_service, folder());
        connect(m_watcher.get(), &FolderWatcher::fileProcessed, this,
                [this](const QString &file, qint64 sampleId, int predicted) {
                    addRecent(file, tr("%1 (sample %2)").arg(m_classNames.value(predicted, QString::number(predicted))).arg(sampleId),
                              false);
                    Q_EMIT fileProcessed(file, sampleId, predicted);
                });
        connect(m_watcher.get(), &FolderWatcher::fileFailed, this,
                [this](const QString &file, const QString &message) { addRecent(file, message, true); });
        connect(m_watcher.get(), &FolderWatcher::countsChanged, this, &FolderPanel::showCounts);
        m_watcher->start();
    } catch (const Error &e) {
        m_watcher.reset();
        m_error->setText(e.message());
        m_error->setToolTip(e.message());
        m_error->show();
        showState();
        return false;
    }
    showState();
    remember();
    Q_EMIT watchingChanged(true);
    return true;
}

void FolderPanel::stop()
{
    if (!m_watcher)
        return;
    m_watcher->stop();
    showCounts();
    showState();
    remember();
    Q_EMIT watchingChanged(false);
}

void FolderPanel::readClassNames()
{
    m_classNames.clear();
    for (const QJsonValue &name : m_service->modelInfo().value(QStringLiteral("classes")).toArray())
        m_classNames << name.toString();
}

void FolderPanel::showState()
{
    const bool watching = isWatching();
    m_startStop->setText(watching ? tr("&Stop") : tr("&Start"));
    m_startStop->setToolTip(watching ? tr("Stop watching the folder") : tr("Watch the folder: new images go to the production model"));
    m_choose->setEnabled(!watching);
    if (!m_watcher)
        m_counts->setText(tr("Not watching. Start sends every image already in the folder, then each new one."));
    else
        showCounts();
}

QString FolderPanel::countsText() const
{
    return m_counts->text();
}

void FolderPanel::showCounts()
{
    if (!m_watcher)
        return;
    QString text = tr("%1 — %2 processed, %3 failed").arg(isWatching() ? tr("watching") : tr("stopped"))
                       .arg(m_watcher->processed()).arg(m_watcher->failed());
    if (m_watcher->pending() > 0)
        text += tr(", %1 on their way").arg(m_watcher->pending());
    m_counts->setText(text);
}

void FolderPanel::addRecent(const QString &file, const QString &text, bool failed)
{
    const QImage thumbnail = QImageReader(file).read().scaled(40, 40, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumbnail)), QFileInfo(file).fileName() + u'\n' + text);
    item->setToolTip(QDir::toNativeSeparators(file) + u'\n' + text);
    item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    if (failed)
        item->setForeground(QColor(198, 40, 40));
    m_recent->insertItem(0, item);
    while (m_recent->count() > kShown)
        delete m_recent->takeItem(m_recent->count() - 1);
    showCounts();
}

} // namespace mlwb
