#include "labeling/RetrainOutcome.h"

#include <QHeaderView>
#include <cmath>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace mlwb {

QString describeBuild(const ProductionBuild &build)
{
    const DatasetLineage &l = build.lineage;
    const QLocale locale;
    QString text = RetrainOutcome::tr("%1 %2 from %3 %4: %5 labeled samples × %6 in training, %7 held back for testing")
                       .arg(build.dataset.name, build.dataset.id.left(8), build.base.name, build.base.id.left(8))
                       .arg(locale.toString(qint64(l.trainSamples.size())))
                       .arg(l.weight)
                       .arg(locale.toString(qint64(l.testSamples.size())));
    if (l.corrections > 0)
        text += RetrainOutcome::tr(", %1 corrected labels").arg(locale.toString(l.corrections));
    if (build.discarded > 0)
        text += RetrainOutcome::tr(", %1 “not a digit” left out").arg(locale.toString(build.discarded));
    if (build.incompatible > 0)
        text += RetrainOutcome::tr(", %1 that do not fit the base left out").arg(locale.toString(build.incompatible));
    if (!build.created)
        text += RetrainOutcome::tr(" (stored already)");
    return text + u'.';
}

RetrainOutcome::RetrainOutcome(QWidget *parent)
    : QWidget(parent), m_text(new QLabel(this)), m_table(new QTableWidget(0, 4, this)),
      m_promote(new QPushButton(tr("&Promote…"), this)), m_open(new QPushButton(tr("Open in E&valuate"), this))
{
    setObjectName(QStringLiteral("retrainOutcome"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_table->setObjectName(QStringLiteral("outcomeTable"));
    m_table->setHorizontalHeaderLabels({QString(), tr("Production"), tr("New"), tr("Change")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->hide();
    m_promote->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_promote->setToolTip(tr("Make the new model the production model if it passes the promotion gates (Ctrl+P)"));
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_open->setToolTip(tr("Show the new model on the Evaluate page (Ctrl+Shift+E)"));
    connect(m_promote, &QPushButton::clicked, this, [this] {
        if (m_modelId > 0)
            Q_EMIT promoteRequested(m_modelId);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_modelId > 0)
            Q_EMIT openRequested(m_modelId);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_open);
    buttons->addWidget(m_promote);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    showText(tr("Build a data set or retrain to see how a model trained on the labels compares with production."));
}

QString RetrainOutcome::text() const
{
    return m_text->text();
}

void RetrainOutcome::setOpenEnabled(bool enabled)
{
    m_openEnabled = enabled;
    m_open->setVisible(enabled);
}

void RetrainOutcome::appendNote(const QString &note)
{
    m_text->setText(m_text->text() + u'\n' + note);
}

void RetrainOutcome::showText(const QString &text)
{
    m_text->setText(text);
    m_table->hide();
    m_modelId = 0;
    m_promote->setEnabled(false);
    m_open->setEnabled(false);
}

void RetrainOutcome::showBuild(const ProductionBuild &build)
{
    showText(tr("Built %1").arg(describeBuild(build)));
}

void RetrainOutcome::showRetrain(const RetrainResult &result)
{
    const QLocale locale;
    QString text = tr("Model %1, trained on %2, against production (model %3):")
                       .arg(result.modelId).arg(result.datasetId.left(8)).arg(result.productionModelId);
    if (result.build)
        text = describeBuild(*result.build) + u'\n' + text;
    m_text->setText(text);
    m_table->setRowCount(0);
    // A heading row per test set, then one row per metric: production, the new model and the
    // change side by side, narrow enough for the panel.
    auto addRows = [&](const std::optional<ModelComparison> &comparison, const QString &testSet) {
        if (!comparison || comparison->models.size() < 2)
            return;
        const ClassificationReport &before = comparison->models[0].samples->report;
        const ClassificationReport &after = comparison->models[1].samples->report;
        int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *heading = new QTableWidgetItem(tr("%1, %2 images").arg(testSet, locale.toString(before.confusion.total())));
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        m_table->setItem(row, 0, heading);
        m_table->setSpan(row, 0, 1, m_table->columnCount());
        for (int metric = 0; metric < 2; ++metric) {
            const double reference = metric == 0 ? before.accuracy : before.macroF1;
            const double value = metric == 0 ? after.accuracy : after.macroF1;
            row = m_table->rowCount();
            m_table->insertRow(row);
            auto number = [&](const QString &text) {
                auto *item = new QTableWidgetItem(text);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                return item;
            };
            m_table->setItem(row, 0, new QTableWidgetItem(metric == 0 ? tr("Accuracy") : tr("Macro-F1")));
            m_table->setItem(row, 1, number(locale.toString(reference, 'f', 3)));
            m_table->setItem(row, 2, number(locale.toString(value, 'f', 3)));
            QTableWidgetItem *change = number((value >= reference ? QStringLiteral("+") : QString())
                                              + locale.toString(value - reference, 'f', 3));
            if (std::abs(value - reference) >= 0.0005)
                change->setForeground(value > reference ? QColor(30, 130, 60) : QColor(200, 40, 40));
            m_table->setItem(row, 3, change);
        }
    };
    addRows(result.onBase, tr("Base test"));
    addRows(result.onProduction, tr("Production test"));
    m_table->setVisible(m_table->rowCount() > 0);
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
    m_modelId = result.modelId;
    m_promote->setEnabled(m_modelId > 0);
    m_open->setEnabled(m_modelId > 0 && m_openEnabled);
}

} // namespace mlwb
