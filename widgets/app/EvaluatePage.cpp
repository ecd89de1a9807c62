#include "app/EvaluatePage.h"

#include "AppContext.h"
#include "evaluation/Metrics.h"
#include "jobs/JobManager.h"
#include "registry/ModelRegistry.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedLayout>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include "common/Log.h"

namespace mlwb {

namespace {

QStandardItem *numberCell(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

EvaluatePage::EvaluatePage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_models(new QComboBox(this)), m_stack(new QStackedLayout),
      m_summary(new QLabel(this)), m_message(new QLabel(this)), m_table(new QTableView(this)),
      m_perClass(new QStandardItemModel(0, 5, this))
{
    setObjectName(QStringLiteral("evaluatePage"));
    m_models->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_models->setMinimumWidth(280);
    connect(m_models, &QComboBox::currentIndexChanged, this, &EvaluatePage::showSelected);

    m_perClass->setHorizontalHeaderLabels({tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    m_table->setModel(m_perClass);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_summary->setTextFormat(Qt::RichText);

    auto *chooser = new QHBoxLayout;
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_models);
    chooser->addWidget(modelLabel);
    chooser->addWidget(m_models);
    chooser->addStretch();

    auto *report = new QWidget(this);
    auto *reportLayout = new QVBoxLayout(report);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addWidget(m_summary);
    reportLayout->addWidget(m_table, 1);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setEnabled(false);
    m_stack->addWidget(report);
    m_stack->addWidget(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Evaluation on the test split</b>"), this));
    layout->addLayout(chooser);
    layout->addLayout(m_stack, 1);

    if (m_context.jobs)
        connect(m_context.jobs, &JobManager::jobFinished, this, &EvaluatePage::reload, Qt::QueuedConnection);
    reload();
}

void EvaluatePage::showEvent(QShowEvent *event)
{
    reload();
    QWidget::showEvent(event);
}

void EvaluatePage::reload()
{
    if (!m_context.workspace)
        return;
    const qint64 selected = m_models->currentData().toLongLong();
    const QSignalBlocker block(m_models);
    m_models->clear();
    try {
        const ModelRegistry registry(*m_context.workspace);
        const std::optional<ModelVersion> production = registry.production();
        for (const ModelVersion &model : registry.list()) {
            QString text = tr("Model %1 — %2, macro-F1 %3").arg(model.id).arg(model.architecture)
                               .arg(QLocale().toString(model.macroF1, 'f', 4));
            if (production && production->id == model.id)
                text += tr(" (production)");
            m_models->addItem(text, model.id);
        }
        // Keep the user's choice; otherwise production; otherwise the newest.
        int index = m_models->findData(selected);
        if (index < 0 && production)
            index = m_models->findData(production->id);
        m_models->setCurrentIndex(index < 0 ? 0 : index);
    } catch (const std::exception &e) {
        spdlog::error("cannot list the model versions: {}", e.what());
    }
    showSelected();
}

void EvaluatePage::showModel(qint64 modelId)
{
    const int index = m_models->findData(modelId);
    if (index >= 0)
        m_models->setCurrentIndex(index);
}

int EvaluatePage::perClassRowCount() const
{
    return m_perClass->rowCount();
}

void EvaluatePage::showSelected()
{
    m_perClass->setRowCount(0);
    if (m_models->count() == 0) {
        m_message->setText(tr("No model versions yet.\nWhen a training run ends, its model is evaluated on the test "
                              "split and the report appears here."));
        m_stack->setCurrentIndex(1);
        return;
    }
    try {
        showReport(ModelRegistry(*m_context.workspace).require(m_models->currentData().toLongLong()));
    } catch (const Error &e) {
        m_message->setText(tr("The evaluation report of this model cannot be read:\n%1").arg(e.message()));
        m_stack->setCurrentIndex(1);
    }
}

void EvaluatePage::showReport(const ModelVersion &model)
{
    const QJsonObject json = model.evaluation.value(QStringLiteral("report")).toObject();
    if (json.isEmpty()) {
        m_message->setText(tr("Model %1 has no stored evaluation report.").arg(model.id));
        m_stack->setCurrentIndex(1);
        return;
    }
    QStringList classNames;
    const ClassificationReport report =
        ClassificationReport::fromJson(json, tr("evaluation of model %1").arg(model.id), &classNames);
    const QLocale locale;
    const qint64 samples = report.confusion.total();
    m_summary->setText(tr("Accuracy <b>%1</b> &nbsp;·&nbsp; macro-F1 <b>%2</b> &nbsp;·&nbsp; weighted-F1 <b>%3</b>"
                          " &nbsp;·&nbsp; %4 test samples")
                           .arg(locale.toString(report.accuracy, 'f', 4), locale.toString(report.macroF1, 'f', 4),
                                locale.toString(report.weightedF1, 'f', 4), locale.toString(samples)));
    for (size_t k = 0; k < report.perClass.size(); ++k) {
        const ClassMetrics &m = report.perClass[k];
        auto *name = new QStandardItem(k < size_t(classNames.size()) ? classNames[qsizetype(k)] : QString::number(k));
        name->setEditable(false);
        m_perClass->appendRow({name, numberCell(locale.toString(m.precision, 'f', 4)),
                               numberCell(locale.toString(m.recall, 'f', 4)), numberCell(locale.toString(m.f1, 'f', 4)),
                               numberCell(locale.toString(m.support))});
    }
    m_stack->setCurrentIndex(0);
}

} // namespace mlwb
