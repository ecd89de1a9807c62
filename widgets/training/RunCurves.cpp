#include "training/RunCurves.h"

#include "store/RunStore.h"

#include <qcustomplot.h>

namespace mlwb {

RunCurves::RunCurves(WorkspacePtr workspace, qint64 runId, RunGraphs graphs)
    : m_workspace(std::move(workspace)), m_runId(runId), m_graphs(graphs)
{
}

RunCurves::~RunCurves()
{
    for (QCPGraph *graph : {m_graphs.loss, m_graphs.lossSmoothed, m_graphs.valLoss, m_graphs.valAccuracy,
                            m_graphs.learningRate})
        if (graph)
            graph->parentPlot()->removeGraph(graph);
}

int RunCurves::poll()
{
    const RunStore runs(*m_workspace);
    // The status is read before the points: when it says the run ended, the points read
    // after it are the last ones.
    const std::optional<RunRecord> run = runs.run(m_runId);
    const bool ended = !run || isTerminal(run->status);
    int added = 0;
    added += append(QStringLiteral("train_loss"), m_graphs.loss, false, m_graphs.lossSmoothed);
    added += append(QStringLiteral("val_loss"), m_graphs.valLoss, true);
    added += append(QStringLiteral("val_accuracy"), m_graphs.valAccuracy, true);
    added += append(QStringLiteral("lr"), m_graphs.learningRate, false);
    m_following = !ended;
    return added;
}

int RunCurves::append(const QString &metric, QCPGraph *graph, bool byEpoch, QCPGraph *smoothed)
{
    if (!graph)
        return 0;
    auto last = m_lastStep.try_emplace(metric, -1).first;
    const std::vector<MetricPoint> points = RunStore(*m_workspace).metricsSince(m_runId, metric, last->second);
    if (points.empty())
        return 0;
    QVector<double> keys, values, smoothedValues;
    keys.reserve(qsizetype(points.size()));
    values.reserve(qsizetype(points.size()));
    for (const MetricPoint &point : points) {
        keys << (byEpoch ? double(point.epoch) : double(point.step));
        values << point.value;
        if (smoothed)
            smoothedValues << m_lossAverage.add(point.value);
    }
    graph->addData(keys, values, true);
    if (smoothed)
        smoothed->addData(keys, smoothedValues, true);
    last->second = points.back().step;
    return int(points.size());
}

void RunCurves::restart()
{
    for (QCPGraph *graph : {m_graphs.loss, m_graphs.lossSmoothed, m_graphs.valLoss, m_graphs.valAccuracy,
                            m_graphs.learningRate})
        if (graph)
            graph->data()->clear();
    m_lastStep.clear();
    m_lossAverage.reset();
    m_following = true;
}

} // namespace mlwb
