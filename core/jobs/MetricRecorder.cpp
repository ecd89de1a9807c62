#include "jobs/MetricRecorder.h"

#include <spdlog/spdlog.h>

namespace mlwb {

MetricRecorder::MetricRecorder(const RunStore &runs, qint64 runId, int flushIntervalMs)
    : m_runs(runs), m_runId(runId), m_flushIntervalMs(flushIntervalMs)
{
    m_sinceFlush.start();
}

MetricRecorder::~MetricRecorder()
{
    try {
        flush();
    } catch (const std::exception &e) {
        spdlog::warn("run {}: could not store the last metric points: {}", m_runId, e.what());
    }
}

void MetricRecorder::add(const QString &name, qint64 step, int epoch, double value)
{
    m_pending.push_back(MetricPoint{name, step, epoch, value});
    if (m_sinceFlush.elapsed() >= m_flushIntervalMs)
        flush();
}

void MetricRecorder::flush()
{
    m_sinceFlush.restart();
    if (m_pending.empty())
        return;
    m_runs.appendMetrics(m_runId, m_pending);
    m_pending.clear();
}

} // namespace mlwb
