#include "labeling/ContinuousPanel.h"

#include "AppContext.h"
#include "app/Warning.h"
#include "common/Error.h"
#include "common/Log.h"
#include "jobs/JobManager.h"
#include "jobs/ModelJobs.h"
#include "labeling/BuildDatasetJob.h"
#include "labeling/RetrainOutcome.h"
#include "registry/ModelRegistry.h"
#include "store/SettingsTable.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mlwb {

namespace {
const QString kAutoKey = QStringLiteral("label.auto_retrain");
const QString kAutoAfterKey = QStringLiteral("label.auto_retrain_after");
constexpr int kDefaultAutoAfter = 100;
} // namespace

ContinuousPanel::ContinuousPanel(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_build(new QPushButton(tr("&Build data set…"), this)),
      m_retrain(new QPushButton(tr("&Retrain…"), this)), m_auto(new QCheckBox(tr("Retrain &automatically after"), this)),
      m_autoCount(new QSpinBox(this)), m_autoState(new QLabel(this)), m_outcome(new RetrainOutcome(this))
{
    setObjectName(QStringLiteral("continuousPanel"));
    m_build->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_build->setToolTip(tr("A new data set version: the production model's data set plus the labeled samples, "
                           "some held back for testing (Ctrl+B)"));
    m_retrain->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_retrain->setToolTip(tr("Build, train a new model on it and compare it with production (Ctrl+R)"));
    m_auto->setToolTip(tr("Start a retraining with the last choices once this many labels were given on this page "
                          "since the last build (kept in the workspace)"));
    m_autoCount->setRange(1, 100000);
    m_autoCount->setSuffix(tr(" new labels"));
    m_autoCount->setToolTip(m_auto->toolTip());
    m_autoState->setEnabled(false);
    m_autoState->setWordWrap(true);
    m_outcome->setOpenEnabled(bool(m_context.showEvaluation));
    connect(m_build, &QPushButton::clicked, this, &ContinuousPanel::chooseBuild);
    connect(m_retrain, &QPushButton::clicked, this, &ContinuousPanel::chooseRetrain);
    connect(m_outcome, &RetrainOutcome::promoteRequested, this, [this](qint64 modelId) {
        auto *ask = new QMessageBox(QMessageBox::Question, tr("Promote model %1").arg(modelId),
                                    tr("Make model %1 the production model? It must pass the promotion gates.").arg(modelId),
                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::accepted, this, [this, modelId] { promote(modelId); });
        ask->open();
    });
    connect(m_outcome, &RetrainOutcome::openRequested, this, [this](qint64 modelId) {
        if (m_context.showEvaluation)
            m_context.showEvaluation(modelId);
    });

    loadSettings();
    connect(m_auto, &QCheckBox::toggled, this, [this] {
        saveAutoSettings();
        maybeRetrainAutomatically();
    });
    connect(m_autoCount, &QSpinBox::valueChanged, this, [this] {
        saveAutoSettings();
        maybeRetrainAutomatically();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_build);
    buttons->addWidget(m_retrain);
    buttons->addStretch();
    auto *autoRow = new QHBoxLayout; // under the check box: the panel is narrow
    autoRow->setContentsMargins(20, 0, 0, 0);
    autoRow->addWidget(m_autoCount);
    autoRow->addStretch();
    auto *box = new QGroupBox(tr("Continuous training"), this);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addLayout(buttons);
    boxLayout->addWidget(m_auto);
    boxLayout->addLayout(autoRow);
    boxLayout->addWidget(m_autoState);
    boxLayout->addWidget(m_outcome);
    boxLayout->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    updateState();
}

void ContinuousPanel::loadSettings()
{
    const QSignalBlocker blockAuto(m_auto), blockCount(m_autoCount);
    try {
        const SettingsTable settings(m_context.workspace->database());
        m_auto->setChecked(settings.value(kAutoKey) == u"1");
        m_autoCount->setValue(int(std::clamp<qint64>(settings.integerValue(kAutoAfterKey, kDefaultAutoAfter), 1, 100000)));
    } catch (const Error &e) {
        spdlog::warn("automatic retraining settings: {}", e.message().toStdString());
        m_autoCount->setValue(kDefaultAutoAfter);
    }
}

void ContinuousPanel::saveAutoSettings()
{
    updateState();
    if (!m_context.jobs)
        return;
    // A write: on the store thread, so that another process's lock cannot freeze the window.
    m_context.jobs->store().run(
        this,
        [workspace = m_context.workspace, on = m_auto->isChecked(), after = m_autoCount->value()] {
            const SettingsTable settings(workspace->database());
            settings.setValue(kAutoKey, on ? QStringLiteral("1") : QStringLiteral("0"));
            settings.setValue(kAutoAfterKey, QString::number(after));
        },
        [] {}, [this](const QString &message) { showWarning(this, tr("Setting not kept"), message); });
}

void ContinuousPanel::updateState()
{
    m_build->setEnabled(!isBusy() && m_context.jobs);
    m_retrain->setEnabled(!isBusy() && m_context.jobs);
    m_autoCount->setEnabled(m_auto->isChecked());
    if (m_auto->isChecked())
        m_autoState->setText(tr("%1 of %2 new labels given since the last build.")
                                 .arg(std::max<qint64>(0, labelsSinceBuild())).arg(m_autoCount->value()));
    else
        m_autoState->setText(tr("New labels given on this page since the last build: %1.")
                                 .arg(std::max<qint64>(0, labelsSinceBuild())));
}

void ContinuousPanel::setLabelsGiven(qint64 total)
{
    m_labelsGiven = total;
    updateState();
    maybeRetrainAutomatically();
}

void ContinuousPanel::maybeRetrainAutomatically()
{
    if (!m_auto->isChecked() || isBusy() || !m_context.jobs || labelsSinceBuild() < m_autoCount->value())
        return;
    spdlog::info("{} new labels: retraining automatically", labelsSinceBuild());
    startRetrain(RetrainChoices::load(*m_context.workspace), true);
}

void ContinuousPanel::chooseBuild()
{
    auto *dialog = new RetrainDialog(RetrainDialog::Mode::Build, RetrainChoices::load(*m_context.workspace), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { buildDataset(dialog->choices()); });
    dialog->open();
}

void ContinuousPanel::chooseRetrain()
{
    auto *dialog = new RetrainDialog(RetrainDialog::Mode::Retrain, RetrainChoices::load(*m_context.workspace), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { retrain(dialog->choices()); });
    dialog->open();
}

void ContinuousPanel::startJob(std::unique_ptr<Job> job)
{
    // Started once the labels given so far have landed: the store thread keeps the order, so
    // the job reads every label the page shows (and the settings kept just before).
    m_waitingForStore = true;
    updateState();
    auto waiting = std::make_shared<std::unique_ptr<Job>>(std::move(job));
    auto start = [this, waiting] {
        m_waitingForStore = false;
        m_running = m_context.jobs->start(std::move(*waiting), [this](Job *j) {
            connect(j, &Job::finished, this, [this] {
                m_running = nullptr;
                updateState();
                maybeRetrainAutomatically(); // labels may have arrived meanwhile
            });
        });
        updateState();
    };
    m_context.jobs->store().run(this, [] {}, start, [start](const QString &) { start(); });
}

bool ContinuousPanel::beginWith(const RetrainChoices &choices)
{
    if (isBusy() || !m_context.jobs)
        return false;
    // Remembered for the next time, on the store thread (a write may wait on another process).
    m_context.jobs->store().run(
        this, [workspace = m_context.workspace, choices] { choices.save(*workspace); }, [] {},
        [](const QString &message) { spdlog::warn("retraining choices not kept: {}", message.toStdString()); });
    m_labelsAtBuild = m_labelsGiven;
    return true;
}

void ContinuousPanel::buildDataset(const RetrainChoices &choices)
{
    if (!beginWith(choices))
        return;
    m_outcome->showText(tr("Building a data set version from the labeled samples…"));
    auto job = std::make_unique<BuildDatasetJob>(m_context.workspace, choices.buildOptions());
    BuildDatasetJob *build = job.get();
    connect(build, &Job::succeeded, this, [this, build] {
        if (build->result())
            m_outcome->showBuild(*build->result());
        Q_EMIT buildFinished(true);
    });
    connect(build, &Job::failed, this, [this](const QString &message) {
        m_outcome->showText(tr("No data set built: %1").arg(message));
        showWarning(this, tr("No data set built"), message);
        Q_EMIT buildFinished(false);
    });
    connect(build, &Job::cancelled, this, [this] {
        m_outcome->showText(tr("Building cancelled."));
        Q_EMIT buildFinished(false);
    });
    startJob(std::move(job));
}

void ContinuousPanel::retrain(const RetrainChoices &choices)
{
    startRetrain(choices, false);
}

void ContinuousPanel::startRetrain(const RetrainChoices &choices, bool automatic)
{
    if (!beginWith(choices))
        return;
    m_outcome->showText(choices.fineTune ? tr("Fine-tuning the production model on the labeled samples…")
                                         : tr("Training a new model on the labeled samples…"));
    auto job = std::make_unique<RetrainJob>(m_context.workspace, choices.retrainOptions());
    RetrainJob *retraining = job.get();
    connect(retraining, &Job::succeeded, this, [this, retraining] {
        m_outcome->showRetrain(retraining->result());
        spdlog::info("retrained: {}", QJsonDocument(retraining->result().toJson()).toJson(QJsonDocument::Compact).toStdString());
        Q_EMIT retrainFinished(true);
    });
    connect(retraining, &Job::failed, this, [this, automatic](const QString &message) {
        m_outcome->showText(tr("Retraining failed: %1").arg(message));
        if (!automatic)
            showWarning(this, tr("Retraining failed"), message);
        Q_EMIT retrainFinished(false);
    });
    connect(retraining, &Job::cancelled, this, [this] {
        m_outcome->showText(tr("Retraining cancelled."));
        Q_EMIT retrainFinished(false);
    });
    startJob(std::move(job));
}

void ContinuousPanel::promote(qint64 modelId)
{
    if (isBusy() || !m_context.jobs || modelId <= 0)
        return;
    PromoteJob::Params params;
    params.modelId = modelId;
    params.note = tr("retrained on labeled production samples");
    try {
        params.gates = ModelRegistry(*m_context.workspace).gates();
    } catch (const Error &e) {
        showWarning(this, tr("Model %1 not promoted").arg(modelId), e.message());
        return;
    }
    auto job = std::make_unique<PromoteJob>(m_context.workspace, params);
    PromoteJob *promotion = job.get();
    connect(promotion, &Job::succeeded, this, [this, promotion] {
        m_outcome->promoteButton()->setEnabled(false);
        m_outcome->appendNote(promotion->result().message);
        spdlog::info("{}", promotion->result().message.toStdString());
        Q_EMIT promotionFinished(true, promotion->result().message);
    });
    connect(promotion, &Job::failed, this, [this, promotion, modelId](const QString &message) {
        const QString text = promotion->gateFailures().isEmpty()
                                 ? message
                                 : tr("Model %1 does not pass the promotion gates:\n\n%2")
                                       .arg(modelId).arg(promotion->gateFailures().join(u'\n'));
        showWarning(this, tr("Model %1 not promoted").arg(modelId), text);
        Q_EMIT promotionFinished(false, text);
    });
    startJob(std::move(job));
}

} // namespace mlwb
