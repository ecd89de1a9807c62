#include "labeling/RetrainOutcome.h"

#include <QHeaderView>
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
    : QWidget(parent), m_text(new QLabel(this)), m_table(new QTableWidget(0, 2, this)),
      m_promote(new QPushButton(tr("&Promote…"), this)), m_open(new QPushButton(tr("Open in E&valuate"), this))
{
    setObjectName(QStringLiteral("retrainOutcome"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_table->setObjectName(QStringLiteral("outcomeTable"));
    m_table->setHorizontalHeaderLabels({tr("Production"), tr("New model")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
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
    // One row per test set and metric, production and the new model side by side: the
    // columns stay narrow enough for the panel.
    QStringList sizes;
    auto addRows = [&](const std::optional<ModelComparison> &comparison, const QString &testSet) {
        if (!comparison || comparison->models.size() < 2)
            return;
        const ClassificationReport &before = comparison->models[0].samples->report;
        const ClassificationReport &after = comparison->models[1].samples->report;
        const QString images = locale.toString(before.confusion.total());
        sizes << tr("%1 test: %2 images").arg(testSet, images);
        for (int metric = 0; metric < 2; ++metric) {
            const double reference = metric == 0 ? before.accuracy : before.macroF1;
            const double value = metric == 0 ? after.accuracy : after.macroF1;
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            auto *name = new QTableWidgetItem(metric == 0 ? tr("%1 accuracy").arg(testSet) : tr("%1 macro-F1").arg(testSet));
            name->setToolTip(tr("%1 test split, %2 images").arg(testSet, images));
            m_table->setVerticalHeaderItem(row, name);
            auto *old = new QTableWidgetItem(locale.toString(reference, 'f', 4));
            old->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, 0, old);
            auto *now = new QTableWidgetItem(QStringLiteral("%1 (%2%3)").arg(locale.toString(value, 'f', 4),
                                                                             value >= reference ? QStringLiteral("+") : QString(),
                                                                             locale.toString(value - reference, 'f', 4)));
            now->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (value != reference)
                now->setForeground(value > reference ? QColor(30, 130, 60) : QColor(200, 40, 40));
            m_table->setItem(row, 1, now);
        }
    };
    addRows(result.onBase, tr("Base"));
    addRows(result.onProduction, tr("Production"));
    if (!sizes.isEmpty())
        m_text->setText(m_text->text() + u'\n' + sizes.join(QStringLiteral("; ")) + u'.');
    m_table->setVisible(m_table->rowCount() > 0);
    m_table->setFixedHeight(m_table->horizontalHeader()->height() + 4
                            + m_table->rowCount() * m_table->verticalHeader()->defaultSectionSize());
    m_modelId = result.modelId;
    m_promote->setEnabled(m_modelId > 0);
    m_open->setEnabled(m_modelId > 0 && m_openEnabled);
}

} // namespace mlwb
