#pragma once
#include "data/Ingest.h"
#include "store/DatasetStore.h"

#include <QObject>
#include <QPointer>

namespace mlwb {

struct AppContext;
class Job;

// What the import dialog asks for.
struct ImportRequest {
    QString path;
    QString name;                          // empty: the file or folder name
    SourceFormat format = SourceFormat::Auto;
    bool resize = false;
    int width = 28, height = 28;
    QStringList classNames;                // empty: from the source
};

// Runs one import as an IngestJob through the context's JobManager (so it shows in the
// status bar) and reports the outcome. The dialog's Import button and the tests both go
// through start(); no widget is involved.
class DatasetImporter : public QObject {
    Q_OBJECT
public:
    explicit DatasetImporter(AppContext &context, QObject *parent = nullptr);

    // False (and failed() emitted) when the request is unusable or an import already runs.
    bool start(const ImportRequest &request);
    void cancel();
    bool isRunning() const { return !m_job.isNull(); }


Q_SIGNALS:
    void progress(qint64 done, qint64 total, const QString &what);
    void succeeded(const mlwb::DatasetVersion &version, bool created);
    void failed(const QString &message);
    void cancelled();
    void finished(); // after any of the three above

private:
    AppContext &m_context;
    QPointer<Job> m_job;
};

} // namespace mlwb
