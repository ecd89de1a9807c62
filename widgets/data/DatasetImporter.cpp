#include "data/DatasetImporter.h"

#include "AppContext.h"
#include "jobs/IngestJob.h"
#include "jobs/JobManager.h"

namespace mlwb {

DatasetImporter::DatasetImporter(AppContext &context, QObject *parent) : QObject(parent), m_context(context) {}

bool DatasetImporter::start(const ImportRequest &request)
{
    QString problem;
    if (isRunning())
        problem = tr("An import is already running.");
    else if (request.path.trimmed().isEmpty())
        problem = tr("Choose a file or folder to import.");
    else if (request.resize && (request.width < 1 || request.height < 1))
        problem = tr("The resize width and height must be at least 1 pixel.");
    if (!problem.isEmpty()) {
        Q_EMIT failed(problem);
        Q_EMIT finished();
        return false;
    }

    IngestJob::Params params;
    params.path = request.path.trimmed();
    params.name = request.name.trimmed();
    params.options.format = request.format;
    params.options.resize = request.resize;
    if (request.resize) {
        params.options.width = request.width;
        params.options.height = request.height;
    }
    params.options.classNames = request.classNames;
    auto job = std::make_unique<IngestJob>(m_context.workspace, params);
    m_job = m_context.jobs->start(std::move(job), [this](Job *started) {
        auto *ingest = static_cast<IngestJob *>(started);
        connect(ingest, &Job::progress, this, &DatasetImporter::progress);
        connect(ingest, &Job::succeeded, this, [this, ingest] {
            const auto &saved = ingest->result().saved;
            Q_EMIT succeeded(saved.version, saved.created);
        });
        connect(ingest, &Job::failed, this, &DatasetImporter::failed);
        connect(ingest, &Job::cancelled, this, &DatasetImporter::cancelled);
        connect(ingest, &Job::finished, this, [this] {
            m_job.clear();
            Q_EMIT finished();
        });
    });
    return true;
}

void DatasetImporter::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace mlwb
