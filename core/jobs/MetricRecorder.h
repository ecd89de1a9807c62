#pragma once
#include "store/RunStore.h"

#include <QElapsedTimer>
#include <vector>

namespace mlwb {

// Collects a run's metric points on the training thread and writes them to the store in
// one transaction about twice a second, so that a batch costs no database round trip and
// other processes (the GUI) still see the curves grow as training goes.
class MetricRecorder {
public:
    MetricRecorder(const RunStore &runs, qint64 runId, int flushIntervalMs = 500);
    ~MetricRecorder(); // flushes what is left; never throws

    void add(const QString &name, qint64 step, int epoch, double value);
    void flush();

private:
    const RunStore &m_runs;
    qint64 m_runId;
    int m_flushIntervalMs;
    QElapsedTimer m_sinceFlush;
    std::vector<MetricPoint> m_pending;
};

} // namespace mlwb
