#include "models/ComparisonView.h"

#include "evaluation/ConfusionMatrixView.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/GalleryView.h"
#include "plots/PlotStyle.h"
#include "training/TrainingPlots.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStackedLayout>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace mlwb {

namespace {

QString signedNumber(double value)
{
    const QString text = QLocale().toString(std::abs(value), 'f', 4);
    return value > 0 ? u'+' + text : value < 0 ? QStringLiteral("−") + text : text;
}

QString pValueText(double p)
{
    // Rich text: "<" would start a tag.
    return p < 0.0001 ? QStringLiteral("p &lt; 0.0001") : QStringLiteral("p = %1").arg(QLocale().toString(p, 'g', 3));
}

} // namespace

ComparisonView::ComparisonView(WorkspacePtr workspace, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)), m_empty(new QLabel(this)), m_content(new QWidget(this)),
      m_notes(new QLabel(this)), m_metricsTable(new QTableView(this)), m_metrics(new QStandardItemModel(this)),
      m_verdicts(new QLabel(this)), m_f1(new QCustomPlot(this)), m_pairBox(new QComboBox(this)),
      m_difference(new ConfusionMatrixView(this)), m_galleryCaption(new QLabel(this)), m_gallery(new GalleryView(this)),
      m_curves(new TrainingPlots(m_workspace, this))
{
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_notes->setWordWrap(true);
    m_verdicts->setWordWrap(true);
    m_verdicts->setTextFormat(Qt::RichText);
    m_metricsTable->setModel(m_metrics);
    m_metricsTable->verticalHeader()->hide();
    m_metricsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_metricsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_metricsTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUpPlot(m_f1, tr("F1 per class"), tr("class"), tr("F1"));
    m_f1->setMinimumHeight(180);
    // The legend on its own line under the title: bars near 1 would run into it in the plot.
    m_f1->axisRect()->insetLayout()->take(m_f1->legend);
    m_f1->plotLayout()->insertRow(1);
    m_f1->plotLayout()->addElement(1, 0, m_f1->legend);
    m_f1->plotLayout()->setRowStretchFactor(1, 0.001);
    m_f1->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_difference->setEmptyText(tr("Compare two models to see where their answers differ"));
    m_galleryCaption->setWordWrap(true);
    m_galleryCaption->setText(tr("Click a cell of the difference to see the images where the two models disagree."));
    m_gallery->setEmptyText(tr("The two models agree here"));
    connect(m_pairBox, &QComboBox::currentIndexChanged, this, [this] {
        const QPoint pair = m_pairBox->currentData().toPoint();
        setPair(pair.x(), pair.y());
    });
    connect(m_difference, &ConfusionMatrixView::cellActivated, this, &ComparisonView::showDisagreements);

    auto *overview = new QWidget(this);
    auto *overviewLayout = new QVBoxLayout(overview);
    overviewLayout->addWidget(m_notes);
    overviewLayout->addWidget(m_metricsTable);
    overviewLayout->addWidget(m_verdicts);
    overviewLayout->addWidget(m_f1, 1);

    auto *differenceTab = new QWidget(this);
    auto *differenceLayout = new QVBoxLayout(differenceTab);
    auto *pairRow = new QHBoxLayout;
    pairRow->addWidget(new QLabel(tr("Pair:"), this));
    pairRow->addWidget(m_pairBox);
    pairRow->addStretch();
    differenceLayout->addLayout(pairRow);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_difference);
    auto *galleryBox = new QWidget(this);
    auto *galleryLayout = new QVBoxLayout(galleryBox);
    galleryLayout->setContentsMargins(0, 0, 0, 0);
    galleryLayout->addWidget(m_galleryCaption);
    galleryLayout->addWidget(m_gallery, 1);
    split->addWidget(galleryBox);
    split->setStretchFactor(1, 1);
    differenceLayout->addWidget(split, 1);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(overview, tr("Metrics"));
    tabs->addTab(differenceTab, tr("Confusion difference"));
    tabs->addTab(m_curves, tr("Learning curves"));
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(tabs);

    auto *stack = new QStackedLayout(this);
    stack->addWidget(m_content);
    stack->addWidget(m_empty);
    clear(tr("Select two to four model versions (Ctrl+click) and press Compare."));
}

void ComparisonView::clear(const QString &emptyText)
{
    m_comparison.reset();
    m_empty->setText(emptyText);
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_empty);
}

void ComparisonView::setComparison(std::shared_ptr<const ModelComparison> comparison)
{
    m_comparison = std::move(comparison);
    if (!m_comparison || m_comparison->models.size() < 2) {
        clear(tr("Nothing to compare"));
        return;
    }
    QString notes = tr("On the test split of data set %1 (%2 images).")
                        .arg(m_comparison->datasetId.left(12))
                        .arg(QLocale().toString(m_comparison->models.first().samples->size()));
    for (const QString &note : m_comparison->notes)
        notes += u' ' + note;
    if (!m_comparison->notes.isEmpty())
        notes += u' ' + tr("Choose another test set beside Compare to evaluate all of them on it.");
    m_notes->setText(notes);
    fillMetrics();
    fillF1Plot();
    fillVerdicts();
    {
        const QSignalBlocker block(m_pairBox);
        m_pairBox->clear();
        for (const ModelComparison::Pair &pair : m_comparison->pairs)
            m_pairBox->addItem(tr("model %1 − model %2").arg(m_comparison->models[pair.b].model.id)
                                   .arg(m_comparison->models[pair.a].model.id), QPoint(pair.a, pair.b));
    }
    QList<qint64> runs;
    for (const OpenedEvaluation &m : m_comparison->models)
        if (m.model.runId)
            runs << *m.model.runId;
    m_curves->showRuns(runs);
    setPair(0, 1);
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_content);
}

void ComparisonView::fillMetrics()
{
    const QLocale locale;
    m_metrics->clear();
    m_metrics->setHorizontalHeaderLabels({tr("Model"), tr("Architecture"), tr("Accuracy"), tr("Δ accuracy"), tr("Macro-F1"),
                                          tr("Δ macro-F1"), tr("Weighted-F1"), tr("Parameters")});
    const ClassificationReport &first = m_comparison->models.first().samples->report;
    for (const OpenedEvaluation &m : m_comparison->models) {
        const ClassificationReport &r = m.samples->report;
        QList<QStandardItem *> row;
        for (const QString &text : {QString::number(m.model.id), m.model.architecture, locale.toString(r.accuracy, 'f', 4),
                                    signedNumber(r.accuracy - first.accuracy), locale.toString(r.macroF1, 'f', 4),
                                    signedNumber(r.macroF1 - first.macroF1), locale.toString(r.weightedF1, 'f', 4),
                                    locale.toString(m.model.parameterCount)}) {
            auto *item = new QStandardItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row << item;
        }
        m_metrics->appendRow(row);
    }
    // Tall enough for every model, no taller: the plot below gets the rest.
    m_metricsTable->setFixedHeight(m_metricsTable->horizontalHeader()->sizeHint().height()
                                   + m_metrics->rowCount() * m_metricsTable->verticalHeader()->defaultSectionSize()
                                   + 2 * m_metricsTable->frameWidth());
}

void ComparisonView::fillF1Plot()
{
    m_f1->clearPlottables();
    auto *group = new QCPBarsGroup(m_f1);
    const QStringList &names = m_comparison->classNames;
    const int models = int(m_comparison->models.size());
    for (int i = 0; i < models; ++i) {
        const OpenedEvaluation &m = m_comparison->models[i];
        auto *bars = new QCPBars(m_f1->xAxis, m_f1->yAxis);
        bars->setName(tr("model %1").arg(m.model.id));
        bars->setBrush(seriesColour(i));
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.8 / models);
        bars->setBarsGroup(group);
        for (size_t c = 0; c < m.samples->report.perClass.size(); ++c)
            bars->addData(double(c), m.samples->report.perClass[c].f1);
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < names.size(); ++c)
        ticker->addTick(c, names[c]);
    m_f1->xAxis->setTicker(ticker);
    m_f1->xAxis->setRange(-0.6, names.size() - 0.4);
    // F1 differences between good models live near the top: zoom there, but never hide a bar.
    double lowest = 1;
    for (const OpenedEvaluation &m : m_comparison->models)
        for (const ClassMetrics &c : m.samples->report.perClass)
            lowest = std::min(lowest, c.f1);
    m_f1->yAxis->setRange(std::max(0.0, lowest - 0.05), 1.005);
    m_f1->legend->setVisible(true);
    m_f1->replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonView::fillVerdicts()
{
    QStringList lines;
    for (const ModelComparison::Pair &pair : m_comparison->pairs) {
        const qint64 a = m_comparison->models[pair.a].model.id, b = m_comparison->models[pair.b].model.id;
        const PairedOutcome &o = pair.outcome;
        QString verdict;
        if (o.pValue < 0.05)
            verdict = tr("<b>model %1 is better</b> (%2)").arg(o.onlyB > o.onlyA ? b : a).arg(pValueText(o.pValue));
        else
            verdict = tr("no significant difference (%1)").arg(pValueText(o.pValue));
        lines << tr("Model %1 vs %2: only %1 right on %3, only %2 right on %4, different answers on %5 images — %6")
                     .arg(a).arg(b).arg(o.onlyA).arg(o.onlyB).arg(o.disagreements).arg(verdict);
    }
    m_verdicts->setText(tr("McNemar's exact test:") + QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
}

QString ComparisonView::verdictText() const
{
    return m_verdicts->text();
}

void ComparisonView::setPair(int a, int b)
{
    if (!m_comparison || a < 0 || b < 0 || a >= m_comparison->models.size() || b >= m_comparison->models.size())
        return;
    m_a = a;
    m_b = b;
    const OpenedEvaluation &first = m_comparison->models[a];
    m_difference->setDifference(first.samples->report.confusion, m_comparison->models[b].samples->report.confusion,
                                m_comparison->classNames);
    m_gallery->galleryModel()->setSource(first.data, m_comparison->models[b].samples, m_comparison->classNames);
    m_gallery->galleryModel()->setPositions({});
    m_gallery->setEmptyText(tr("Click a cell of the difference"));
    m_galleryCaption->setText(tr("Click a cell of the difference to see the images where the two models disagree."));
}

void ComparisonView::showDisagreements(int trueClass, int predictedClass)
{
    if (!m_comparison)
        return;
    const EvaluationResult &a = *m_comparison->models[m_a].samples;
    const EvaluationResult &b = *m_comparison->models[m_b].samples;
    std::vector<qsizetype> positions;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const int pa = a.predicted[size_t(i)], pb = b.predicted[size_t(i)];
        if (pa == pb || (trueClass >= 0 && a.truth[size_t(i)] != trueClass))
            continue;
        if (predictedClass < 0 || pa == predictedClass || pb == predictedClass)
            positions.push_back(i);
    }
    const QStringList &names = m_comparison->classNames;
    m_galleryCaption->setText(tr("%1 images where models %2 and %3 disagree%4 (shown with model %3's answer)")
                                  .arg(positions.size()).arg(m_comparison->models[m_a].model.id)
                                  .arg(m_comparison->models[m_b].model.id)
                                  .arg(trueClass >= 0 && predictedClass >= 0
                                           ? tr(", true %1, one of them answered %2").arg(names.value(trueClass), names.value(predictedClass))
                                           : QString()));
    m_gallery->setEmptyText(tr("The two models agree here"));
    m_gallery->galleryModel()->setPositions(std::move(positions));
}

} // namespace mlwb
