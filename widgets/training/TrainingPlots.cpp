#include "training/TrainingPlots.h"

#include "plots/HoverTracer.h"
#include "plots/PlotStyle.h"
#include "training/RunCurves.h"

#include <qcustomplot.h>

#include <QGridLayout>

#include <array>

namespace mlwb {

namespace {

constexpr int kRefreshMs = 100;

QCustomPlot *makePlot(QWidget *parent, const QString &title, const QString &xLabel, const QString &yLabel,
                      const QString &hoverKey)
{
    auto *plot = new QCustomPlot(parent);
    setUpPlot(plot, title, xLabel, yLabel);
    new HoverTracer(plot, hoverKey);
    return plot;
}

QCPGraph *addGraph(QCustomPlot *plot, const QString &name, const QPen &pen, bool markers)
{
    QCPGraph *graph = plot->addGraph();
    graph->setName(name);
    graph->setPen(pen);
    if (markers)
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pen.color(), Qt::white, 6));
    return graph;
}

// The points of all a plot's graphs: a plot whose count stayed the same needs no replot.
int pointCount(const QCustomPlot *plot)
{
    int count = 0;
    for (int i = 0; i < plot->graphCount(); ++i)
        count += plot->graph(i)->dataCount();
    return count;
}

} // namespace

TrainingPlots::TrainingPlots(WorkspacePtr workspace, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)),
      m_loss(makePlot(this, tr("Training loss"), tr("step"), tr("loss"), tr("step"))),
      m_validationLoss(makePlot(this, tr("Validation loss"), tr("epoch"), tr("loss"), tr("epoch"))),
      m_validationAccuracy(makePlot(this, tr("Validation accuracy"), tr("epoch"), tr("accuracy"), tr("epoch"))),
      m_learningRate(makePlot(this, tr("Learning rate"), tr("step"), tr("learning rate"), tr("step")))
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    grid->addWidget(m_loss, 0, 0);
    grid->addWidget(m_validationLoss, 0, 1);
    grid->addWidget(m_validationAccuracy, 1, 0);
    grid->addWidget(m_learningRate, 1, 1);
    m_learningRate->yAxis->setNumberFormat(QStringLiteral("gb"));
    for (QCustomPlot *plot : {m_validationLoss, m_validationAccuracy}) { // whole epochs only
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        plot->xAxis->setTicker(ticker);
    }
    setValueBounds(m_validationAccuracy, 0.0, 1.005); // a little room for points at 100%
    // Accuracy rises towards the top right: keep the legend out of its way.
    m_validationAccuracy->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    updateEmptyState();

    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &TrainingPlots::refresh);
    m_timer.start();
}

TrainingPlots::~TrainingPlots()
{
    m_runs.clear(); // removes the graphs while the plots still exist
}

void TrainingPlots::showRuns(const QList<qint64> &runIds)
{
    for (auto it = m_runs.begin(); it != m_runs.end();)
        it = runIds.contains(it->first) ? std::next(it) : m_runs.erase(it);
    for (qint64 id : runIds)
        addRun(id);
    refresh();
    // A run that left changes no data, but its graphs are gone.
    for (QCustomPlot *plot : {m_loss, m_validationLoss, m_validationAccuracy, m_learningRate}) {
        fitAxesToData(plot, plot == m_validationLoss || plot == m_validationAccuracy ? 2.0 : 0.0);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    updateEmptyState();
}

void TrainingPlots::showRun(qint64 runId)
{
    if (m_runs.count(runId))
        return;
    QList<qint64> ids = shownRuns();
    ids << runId;
    showRuns(ids);
}

void TrainingPlots::restartRun(qint64 runId)
{
    showRun(runId);
    m_runs.at(runId)->restart();
}

QList<qint64> TrainingPlots::shownRuns() const
{
    QList<qint64> ids;
    for (const auto &[id, curves] : m_runs)
        ids << id;
    return ids;
}

const RunCurves *TrainingPlots::curves(qint64 runId) const
{
    const auto it = m_runs.find(runId);
    return it == m_runs.end() ? nullptr : it->second.get();
}

void TrainingPlots::addRun(qint64 runId)
{
    if (m_runs.count(runId))
        return;
    const QColor colour = seriesColour(int(runId - 1));
    const QString name = tr("run %1").arg(runId);
    RunGraphs graphs;
    graphs.loss = addGraph(m_loss, tr("run %1 (raw)").arg(runId), QPen(lightVariant(colour), 1), false);
    graphs.loss->removeFromLegend(); // the smoothed curve stands for the run
    graphs.lossSmoothed = addGraph(m_loss, name, QPen(colour, 2.2), false);
    graphs.valLoss = addGraph(m_validationLoss, name, QPen(colour, 2), true);
    graphs.valAccuracy = addGraph(m_validationAccuracy, name, QPen(colour, 2), true);
    graphs.learningRate = addGraph(m_learningRate, name, QPen(colour, 1.8), false);
    m_runs.emplace(runId, std::make_unique<RunCurves>(m_workspace, runId, graphs));
}

void TrainingPlots::refresh()
{
    const std::array plots = {m_loss, m_validationLoss, m_validationAccuracy, m_learningRate};
    std::array<int, plots.size()> pointsBefore{};
    for (size_t i = 0; i < plots.size(); ++i)
        pointsBefore[i] = pointCount(plots[i]);
    bool changed = false;
    for (auto &[id, curves] : m_runs)
        if (curves->following())
            changed = curves->poll() > 0 || changed;
    if (!changed)
        return;
    // One queued replot per changed plot per tick, however many points came in. The
    // validation plots change once an epoch: skipping them halves the UI thread's drawing.
    for (size_t i = 0; i < plots.size(); ++i) {
        if (pointCount(plots[i]) == pointsBefore[i])
            continue;
        fitAxesToData(plots[i], plots[i] == m_validationLoss || plots[i] == m_validationAccuracy ? 2.0 : 0.0);
        plots[i]->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TrainingPlots::updateEmptyState()
{
    // The legend of an empty plot would be an empty box.
    for (QCustomPlot *plot : {m_loss, m_validationLoss, m_validationAccuracy, m_learningRate})
        plot->legend->setVisible(!m_runs.empty());
}

} // namespace mlwb
