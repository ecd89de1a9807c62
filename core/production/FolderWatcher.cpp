#include "production/FolderWatcher.h"

#include "common/Error.h"
#include "common/Log.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <optional>

namespace mlwb {

namespace {

constexpr int kSettleMs = 200;      // unchanged this long: the writer is done
constexpr int kScanIntervalMs = 1000;
constexpr qsizetype kImportChunk = 64;

const QStringList &imageNameFilters()
{
    static const QStringList filters{QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")};
    return filters;
}

QStringList imageFiles(const QDir &dir)
{
    // Sorted by name, case-insensitive suffixes; hidden files (editors' temporaries) left out.
    QDir d(dir);
    d.setNameFilters(imageNameFilters());
    d.setFilter(QDir::Files | QDir::NoDotAndDotDot);
    d.setSorting(QDir::Name);
    return d.entryList();
}

// The request for one file, or the error answer when it cannot be read.
std::optional<InferenceAnswer> readRequest(const QString &path, InferenceRequest &request)
{
    request.source = SampleSource::Folder;
    request.originalName = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        InferenceAnswer a;
        a.originalName = request.originalName;
        a.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return a;
    }
    request.originalPng = file.readAll();
    return std::nullopt;
}

} // namespace

bool FolderWatcher::isImageFile(const QString &fileName)
{
    return QDir::match(imageNameFilters(), QFileInfo(fileName).fileName()) && !QFileInfo(fileName).fileName().startsWith(u'.');
}

FolderWatcher::FolderWatcher(InferenceService &service, QString folder, bool processExisting, QObject *parent)
    : QObject(parent), m_service(service), m_folder(QDir::cleanPath(QDir(folder).absolutePath())),
      m_processExisting(processExisting)
{
}

FolderWatcher::~FolderWatcher() = default;

void FolderWatcher::start()
{
    if (m_watching)
        return;
    if (!QDir().mkpath(m_folder))
        throw Error(QStringLiteral("%1: cannot create the watched folder").arg(m_folder));
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { scan(); });
        m_scanTimer = new QTimer(this);
        m_scanTimer->setInterval(kScanIntervalMs);
        connect(m_scanTimer, &QTimer::timeout, this, [this] { scan(); });
        m_settleTimer = new QTimer(this);
        m_settleTimer->setSingleShot(true);
        m_settleTimer->setInterval(kSettleMs / 2);
        connect(m_settleTimer, &QTimer::timeout, this, [this] { scan(); });
    }
    if (!m_processExisting)
        for (const QString &name : imageFiles(QDir(m_folder)))
            m_done.insert(QDir(m_folder).filePath(name));
    if (!m_watcher->addPath(m_folder))
        spdlog::warn("{}: no change notifications for this folder; it is scanned every {} ms", m_folder, kScanIntervalMs);
    m_scanTimer->start();
    m_watching = true;
    spdlog::info("watching {} for images", m_folder);
    scan();
}

void FolderWatcher::stop()
{
    if (!m_watching)
        return;
    m_watcher->removePath(m_folder);
    m_scanTimer->stop();
    m_settleTimer->stop();
    m_seen.clear();
    m_watching = false;
}

void FolderWatcher::scan()
{
    if (!m_watching)
        return;
    const QDir dir(m_folder);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> present;
    for (const QString &name : imageFiles(dir)) {
        const QString path = dir.filePath(name);
        if (m_done.contains(path))
            continue;
        present.insert(path);
        const QFileInfo info(path);
        const qint64 size = info.size(), modified = info.lastModified().toMSecsSinceEpoch();
        auto it = m_seen.find(path);
        if (it == m_seen.end() || it->size != size || it->modifiedMs != modified) {
            m_seen.insert(path, Seen{size, modified, now});
        } else if (now - it->sinceMs >= kSettleMs) {
            m_seen.erase(it);
            present.remove(path);
            send(path);
        }
    }
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = present.contains(it.key()) ? std::next(it) : m_seen.erase(it); // gone before it settled
    if (!m_seen.isEmpty() && !m_settleTimer->isActive())
        m_settleTimer->start();
}

void FolderWatcher::send(const QString &path)
{
    m_done.insert(path);
    InferenceRequest request;
    if (const std::optional<InferenceAnswer> unreadable = readRequest(path, request)) {
        ++m_failed;
        Q_EMIT fileFailed(path, unreadable->error);
        Q_EMIT countsChanged(m_processed, m_failed, m_inFlight);
        return;
    }
    ++m_inFlight;
    m_service.submit(std::move(request)).then(this, [this, path](const InferenceAnswer &answer) {
        --m_inFlight;
        if (answer.error.isEmpty()) {
            ++m_processed;
            Q_EMIT fileProcessed(path, answer.sampleId, answer.predicted);
        } else {
            ++m_failed;
            spdlog::warn("{}: {}", path, answer.error);
            Q_EMIT fileFailed(path, answer.error);
        }
        Q_EMIT countsChanged(m_processed, m_failed, m_inFlight);
    });
    Q_EMIT countsChanged(m_processed, m_failed, m_inFlight);
}

QList<InferenceAnswer> importFolder(InferenceService &service, const QString &folder, const ProgressFn &progress,
                                    const CancelFlag *cancel)
{
    const QDir dir(folder);
    if (!dir.exists())
        throw Error(QStringLiteral("%1: no such folder").arg(folder));
    const QStringList names = imageFiles(dir);
    QList<InferenceAnswer> answers(names.size());
    if (progress)
        progress(0, names.size());

    // One chunk is answered while the next is read: the service keeps busy.
    struct Chunk {
        qsizetype start = 0;
        std::vector<qsizetype> sent; // positions in `names` of what was submitted
        QFuture<QList<InferenceAnswer>> future;
    };
    std::optional<Chunk> previous;
    qsizetype done = 0;
    const auto collect = [&](Chunk &chunk) {
        const QList<InferenceAnswer> results = chunk.future.result();
        for (size_t k = 0; k < chunk.sent.size(); ++k)
            answers[chunk.sent[k]] = results.value(qsizetype(k));
        done = std::max(done, chunk.start + kImportChunk);
        if (progress)
            progress(std::min(done, names.size()), names.size());
    };
    for (qsizetype start = 0; start < names.size(); start += kImportChunk) {
        if (cancel && cancel->isCancelled()) {
            if (previous)
                collect(*previous);
            throw Cancelled();
        }
        Chunk chunk;
        chunk.start = start;
        QList<InferenceRequest> requests;
        for (qsizetype i = start; i < std::min(start + kImportChunk, names.size()); ++i) {
            InferenceRequest request;
            if (const std::optional<InferenceAnswer> unreadable = readRequest(dir.filePath(names[i]), request)) {
                answers[i] = *unreadable;
                continue;
            }
            requests << std::move(request);
            chunk.sent.push_back(i);
        }
        chunk.future = service.submitAll(std::move(requests));
        if (previous)
            collect(*previous);
        previous = std::move(chunk);
    }
    if (previous)
        collect(*previous);
    return answers;
}

} // namespace mlwb
