#include "models/AutoTuneDialog.h"

#include "AppContext.h"
#include "app/ErrorLabel.h"
#include "app/ValueList.h"
#include "jobs/AutoTune.h"
#include "jobs/JobManager.h"
#include "registry/ModelRegistry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace mlwb {

AutoTuneDialog::AutoTuneDialog(AppContext &context, const ModelVersion &base, QWidget *parent)
    : QDialog(parent), m_context(context), m_base(base), m_minF1(new QDoubleSpinBox(this)), m_strategy(new QComboBox(this)),
      m_trials(new QSpinBox(this)), m_minutes(new QSpinBox(this)), m_learningRates(new QLineEdit(this)),
      m_optimizers(new QLineEdit(this)), m_batchSizes(new QLineEdit(this)), m_epochs(new QLineEdit(this)),
      m_error(new ErrorLabel(this)), m_table(new QStandardItemModel(0, 7, this)), m_view(new QTableView(this)),
      m_status(new QLabel(this)), m_start(new QPushButton(tr("&Start search"), this)),
      m_cancel(new QPushButton(tr("&Stop"), this)), m_promote(new QPushButton(tr("&Promote the best"), this))
{
    setWindowTitle(tr("Auto-tune model %1").arg(base.id));
    setAttribute(Qt::WA_DeleteOnClose);
    const SearchSpace defaults;
    m_minF1->setObjectName(QStringLiteral("minMacroF1"));
    m_trials->setObjectName(QStringLiteral("budgetTrials"));
    m_minutes->setObjectName(QStringLiteral("budgetMinutes"));
    m_learningRates->setObjectName(QStringLiteral("learningRates"));
    m_optimizers->setObjectName(QStringLiteral("optimizers"));
    m_batchSizes->setObjectName(QStringLiteral("batchSizes"));
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_promote->setObjectName(QStringLiteral("promoteBest"));
    const Gates gates = ModelRegistry(*context.workspace).gates();
    m_minF1->setRange(0, 1);
    m_minF1->setDecimals(4);
    m_minF1->setSingleStep(0.005);
    m_minF1->setValue(gates.minMacroF1);
    m_strategy->addItem(tr("Random combinations"), QStringLiteral("random"));
    m_strategy->addItem(tr("Grid, in order"), QStringLiteral("grid"));
    m_trials->setRange(1, 100);
    m_trials->setValue(8);
    m_minutes->setRange(0, 24 * 60);
    m_minutes->setSpecialValueText(tr("no limit"));
    m_minutes->setSuffix(tr(" min"));
    m_learningRates->setText(formatValues(defaults.learningRates));
    m_optimizers->setText(defaults.optimizers.join(QStringLiteral(", ")));
    m_batchSizes->setText(formatValues(defaults.batchSizes));
    m_epochs->setText(formatValues(defaults.epochs));

    auto *form = new QFormLayout;
    form->addRow(tr("Goal: macro-F1 at least"), m_minF1);
    form->addRow(tr("Search"), m_strategy);
    form->addRow(tr("At most"), m_trials);
    form->addRow(tr("Time budget"), m_minutes);
    form->addRow(tr("Learning rates"), m_learningRates);
    form->addRow(tr("Optimizers"), m_optimizers);
    form->addRow(tr("Batch sizes"), m_batchSizes);
    form->addRow(tr("Epochs"), m_epochs);
    m_trials->setSuffix(tr(" trials"));

    m_table->setHorizontalHeaderLabels({tr("Trial"), tr("Learning rate"), tr("Optimizer"), tr("Batch"), tr("Epochs"),
                                        tr("Macro-F1"), tr("Result")});
    m_view->setModel(m_table);
    m_view->verticalHeader()->hide();
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->setMinimumHeight(180);
    m_status->setWordWrap(true);
    m_status->setText(tr("Model %1 (%2) reached macro-F1 %3. The search trains its settings with other values, one "
                         "trial at a time as queued runs, and stops at the first model that passes the gates.")
                          .arg(base.id).arg(base.architecture).arg(QLocale().toString(base.macroF1, 'f', 4)));
    m_cancel->setEnabled(false);
    m_promote->setEnabled(false);
    connect(m_start, &QPushButton::clicked, this, &AutoTuneDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &AutoTuneDialog::cancelSearch);
    connect(m_promote, &QPushButton::clicked, this, [this] {
        if (m_bestModel > 0)
            Q_EMIT promoteRequested(m_bestModel);
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_promote, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(640, 560);
}

bool AutoTuneDialog::start()
{
    if (m_job || !m_context.jobs)
        return false;
    AutoTuneSettings settings;
    settings.datasetRef = m_base.datasetId;
    settings.base = m_base.settings.isEmpty() ? TrainSettings{} : TrainSettings::fromJson(m_base.settings);
    settings.minMacroF1 = m_minF1->value();
    settings.strategy = m_strategy->currentData().toString() == u"grid" ? AutoTuneSettings::Strategy::Grid
                                                                       : AutoTuneSettings::Strategy::Random;
    settings.budgetTrials = m_trials->value();
    settings.budgetMinutes = m_minutes->value();
    SearchSpace space;
    space.learningRates.clear();
    space.batchSizes.clear();
    space.epochs.clear();
    QString bad;
    if (!parseValues(m_learningRates->text(), space.learningRates, &bad)
        || !parseValues(m_batchSizes->text(), space.batchSizes, &bad) || !parseValues(m_epochs->text(), space.epochs, &bad)) {
        m_error->showError(tr("\"%1\" is not a number").arg(bad));
        return false;
    }
    space.optimizers = m_optimizers->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    settings.space = space;
    try {
        if (planTrials(settings).empty()) {
            m_error->showError(tr("Every combination of these values was trained already."));
            return false;
        }
    } catch (const Error &e) {
        m_error->showError(e.message());
        return false;
    }
    m_error->clearError();
    m_table->setRowCount(0);
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_promote->setEnabled(false);
    m_bestModel = 0;
    m_status->setText(tr("Searching…"));
    Job *job = m_context.jobs->start(std::make_unique<AutoTuneJob>(m_context.workspace, settings), [this](Job *j) {
        auto *tune = static_cast<AutoTuneJob *>(j);
        connect(tune, &AutoTuneJob::trialStarted, this, &AutoTuneDialog::refreshTrials);
        connect(tune, &AutoTuneJob::trialFinished, this, &AutoTuneDialog::refreshTrials);
        connect(tune, &Job::failed, this, [this](const QString &message) { m_error->showError(message); });
        connect(tune, &Job::finished, this, &AutoTuneDialog::finish);
    });
    m_job = static_cast<AutoTuneJob *>(job);
    return true;
}

void AutoTuneDialog::cancelSearch()
{
    if (m_job)
        m_job->cancel();
}

int AutoTuneDialog::trialRows() const
{
    return m_table->rowCount();
}

void AutoTuneDialog::refreshTrials()
{
    if (!m_job)
        return;
    const QList<AutoTuneJob::Trial> trials = m_job->trials();
    const QLocale locale;
    m_table->setRowCount(0);
    for (const AutoTuneJob::Trial &t : trials) {
        QString result = !t.finished ? tr("training…")
                         : !t.error.isEmpty() ? tr("failed: %1").arg(t.error)
                         : t.passed ? tr("passes the gates")
                                    : tr("below: %1").arg(t.gateFailures.join(QStringLiteral("; ")));
        QList<QStandardItem *> row;
        for (const QString &text : {QString::number(t.number), QLocale::c().toString(t.settings.learningRate),
                                    t.settings.optimizer, QString::number(t.settings.batchSize),
                                    QString::number(t.settings.epochs),
                                    std::isnan(t.macroF1) ? QStringLiteral("–") : locale.toString(t.macroF1, 'f', 4), result}) {
            auto *item = new QStandardItem(text);
            item->setToolTip(text);
            if (t.passed) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            row << item;
        }
        m_table->appendRow(row);
    }
    const int planned = m_job->plannedTrials();
    if (!trials.isEmpty() && !trials.last().finished)
        m_status->setText(tr("Trial %1 of at most %2 is training (see the Train page for its curves)…")
                              .arg(trials.last().number).arg(planned));
}

void AutoTuneDialog::finish()
{
    refreshTrials();
    const AutoTuneJob::Result &r = m_job->result();
    const QMap<QString, QString> reasons{{QStringLiteral("passed"), tr("a trial passed the gates")},
                                         {QStringLiteral("trial budget"), tr("the trial budget is used up")},
                                         {QStringLiteral("time budget"), tr("the time budget is used up")},
                                         {QStringLiteral("search space exhausted"), tr("every combination was tried")},
                                         {QStringLiteral("cancelled"), tr("it was stopped")},
                                         {QStringLiteral("failed"), tr("it failed")}};
    QString text = tr("The search ended: %1.").arg(reasons.value(r.stopReason, r.stopReason));
    if (r.best >= 0 && r.best < r.trials.size()) {
        const AutoTuneJob::Trial &best = r.trials[r.best];
        m_bestModel = best.modelId.value_or(0);
        text += u' ' + tr("Best: trial %1, model %2, macro-F1 %3%4.")
                           .arg(best.number).arg(m_bestModel).arg(QLocale().toString(best.macroF1, 'f', 4))
                           .arg(best.passed ? tr(" — passes the gates") : tr(" — still below the gates"));
        m_view->selectRow(r.best);
    }
    m_status->setText(text);
    m_promote->setEnabled(m_bestModel > 0 && r.passed);
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    m_job = nullptr;
    Q_EMIT searchFinished(r.passed);
}

} // namespace mlwb
