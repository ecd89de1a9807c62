#include "jobs/IngestJob.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <spdlog/spdlog.h>

namespace mlwb {

IngestJob::IngestJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Import %1").arg(QFileInfo(params.path).fileName()), parent),
      m_workspace(std::move(workspace)), m_params(std::move(params))
{
}

void IngestJob::execute()
{
    QElapsedTimer timer;
    timer.start();
    IngestOptions options = m_params.options;
    options.cancel = &cancelFlag();
    options.progress = [this](qint64 done, qint64 total) { reportProgress(done, total, tr("reading")); };
    const QFileInfo source(m_params.path);
    if (!source.exists())
        throw Error(tr("%1: no such file or folder").arg(m_params.path));
    const SourceFormat format = options.format == SourceFormat::Auto ? detectFormat(m_params.path) : options.format;
    options.format = format;

    const Dataset data = ingest(m_params.path, options);
    if (cancelFlag().isCancelled())
        throw Cancelled();
    reportProgress(0, 0, tr("storing"));
    const QString name = m_params.name.isEmpty() ? source.completeBaseName() : m_params.name;
    m_result.saved = DatasetStore(*m_workspace).save(data, name, formatName(format), source.absoluteFilePath(),
                                                    m_params.validationFraction, m_params.splitSeed);
    m_result.seconds = double(timer.elapsed()) / 1000.0;
    spdlog::info("{} data set '{}' version {} ({} images) from {} in {:.2f} s",
                 m_result.saved.created ? "stored" : "already had", name.toStdString(),
                 m_result.saved.version.id.left(12).toStdString(), data.size(),
                 source.absoluteFilePath().toStdString(), m_result.seconds);
}

} // namespace mlwb
