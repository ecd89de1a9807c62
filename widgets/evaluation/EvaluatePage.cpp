#include "evaluation/EvaluatePage.h"

#include "AppContext.h"
#include "Pages.h"
#include "common/Log.h"
#include "app/Warning.h"
#include "evaluation/ConfusionMatrixView.h"
#include "evaluation/Corruptions.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/GalleryView.h"
#include "evaluation/PerClassTable.h"
#include "evaluation/PredictionsCsv.h"
#include "evaluation/RobustnessView.h"
#include "jobs/EvaluateJob.h"
#include "jobs/JobManager.h"
#include "registry/ModelRegistry.h"
#include "common/AtomicFolder.h"
#include "store/DatasetStore.h"
#include "store/LabelFlagStore.h"
#include "training/TrainingPlots.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedLayout>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mlwb {

namespace {

constexpr int kLabelErrorRows = 1000; // the ranking shows the least believed labels, not all 10,000

QComboBox *classFilterBox(QWidget *parent, const QString &allText)
{
    auto *box = new QComboBox(parent);
    box->addItem(allText, -1);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

void fillClassFilter(QComboBox *box, const QStringList &classNames)
{
    const QSignalBlocker block(box);
    while (box->count() > 1)
        box->removeItem(1);
    for (int c = 0; c < classNames.size(); ++c)
        box->addItem(classNames[c], c);
}

std::optional<int> chosenClass(const QComboBox *box)
{
    const int value = box->currentData().toInt();
    return value < 0 ? std::nullopt : std::optional<int>(value);
}

QString megabytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace

EvaluatePage::EvaluatePage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_models(new QComboBox(this)), m_datasets(new QComboBox(this)),
      m_evaluate(new QPushButton(tr("&Evaluate"), this)), m_computeRobustness(new QPushButton(tr("Compute &robustness"), this)),
      m_export(new QPushButton(tr("E&xport"), this)), m_summary(new QLabel(this)), m_status(new QLabel(this)),
      m_stack(new QStackedLayout), m_message(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_confusion(new ConfusionMatrixView(this)), m_matrixMode(new QComboBox(this)), m_perClass(new PerClassTable(this)),
      m_cellCaption(new QLabel(this)), m_cellGallery(new GalleryView(this)), m_order(new QComboBox(this)),
      m_trueFilter(classFilterBox(this, tr("any true class"))), m_predictedFilter(classFilterBox(this, tr("any prediction"))),
      m_failureCount(new QLabel(this)), m_failures(new GalleryView(this)), m_labelErrorsCaption(new QLabel(this)),
      m_labelErrors(new GalleryView(this)), m_robustness(new RobustnessView(this)),
      m_curves(new TrainingPlots(context.workspace, this))
{
    setObjectName(QStringLiteral("evaluatePage"));
    m_models->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_models->setMinimumWidth(260);
    m_datasets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_datasets->setMinimumWidth(220);
    m_datasets->setToolTip(tr("Evaluate on the test split of another data set version with the same classes and image size"));
    m_evaluate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_evaluate->setToolTip(tr("Run the model over the test split again and store the result (Ctrl+E)"));
    m_computeRobustness->setToolTip(tr("Accuracy under noise, blur, shift, contrast and rotation, five severities each"));
    connect(m_models, &QComboBox::currentIndexChanged, this, &EvaluatePage::modelChanged);
    connect(m_datasets, &QComboBox::currentIndexChanged, this, &EvaluatePage::datasetChanged);
    connect(m_evaluate, &QPushButton::clicked, this, [this] { evaluate(false, m_opened != nullptr); });
    connect(m_computeRobustness, &QPushButton::clicked, this, [this] { evaluate(true, false); });

    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("Confusion matrix (PNG, SVG, PDF)…"), this, &EvaluatePage::exportConfusion);
    exportMenu->addAction(tr("Per-class table (CSV)…"), this, &EvaluatePage::exportPerClass);
    exportMenu->addAction(tr("Predictions of every test image (CSV)…"), this, &EvaluatePage::exportPredictions);
    exportMenu->addAction(tr("Robustness plot (PNG, SVG, PDF)…"), this, &EvaluatePage::exportRobustness);
    exportMenu->addAction(tr("Suspected label errors (CSV)…"), this, &EvaluatePage::exportFlagged);
    m_export->setMenu(exportMenu);

    // Confusion tab: the matrix beside the per-class table, the chosen cell's images below.
    m_matrixMode->addItem(tr("Counts"), int(ConfusionMatrixView::Mode::Counts));
    m_matrixMode->addItem(tr("Share of the true class"), int(ConfusionMatrixView::Mode::RowNormalised));
    connect(m_matrixMode, &QComboBox::currentIndexChanged, this,
            [this] { m_confusion->setMode(ConfusionMatrixView::Mode(m_matrixMode->currentData().toInt())); });
    m_confusion->setEmptyText(tr("No evaluation yet"));
    m_confusion->setToolTip(QString());
    connect(m_confusion, &ConfusionMatrixView::cellActivated, this, &EvaluatePage::showCell);
    connect(m_perClass, &PerClassTable::classActivated, this, [this](int c) { showCell(c, -1); });
    m_cellCaption->setText(tr("Click a cell, or a row or column name, to see its images."));
    m_cellCaption->setWordWrap(true);
    m_cellGallery->setEmptyText(tr("No images in this cell"));
    auto *matrixBox = new QWidget(this);
    auto *matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(new QLabel(tr("Show:"), this));
    modeRow->addWidget(m_matrixMode);
    modeRow->addStretch();
    matrixLayout->addLayout(modeRow);
    matrixLayout->addWidget(m_confusion, 1);
    auto *cellBox = new QWidget(this);
    auto *cellLayout = new QVBoxLayout(cellBox);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->addWidget(m_cellCaption);
    cellLayout->addWidget(m_cellGallery, 1);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_perClass);
    right->addWidget(cellBox);
    right->setStretchFactor(1, 1);
    auto *confusionTab = new QSplitter(Qt::Horizontal, this);
    confusionTab->addWidget(matrixBox);
    confusionTab->addWidget(right);
    confusionTab->setStretchFactor(1, 1);

    // Failures tab.
    m_order->addItem(tr("Most confident mistakes first"), int(FailureOrder::MostConfident));
    m_order->addItem(tr("Lowest margin first"), int(FailureOrder::LowestMargin));
    m_order->addItem(tr("Lowest probability of the true class first"), int(FailureOrder::LowestTrueProbability));
    for (QComboBox *box : {m_order, m_trueFilter, m_predictedFilter})
        connect(box, &QComboBox::currentIndexChanged, this, &EvaluatePage::updateFailures);
    m_failures->setEmptyText(tr("No mistakes with these filters"));
    auto *failuresTab = new QWidget(this);
    auto *failuresLayout = new QVBoxLayout(failuresTab);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_order);
    filterRow->addWidget(new QLabel(tr("True:"), this));
    filterRow->addWidget(m_trueFilter);
    filterRow->addWidget(new QLabel(tr("Predicted:"), this));
    filterRow->addWidget(m_predictedFilter);
    filterRow->addStretch();
    filterRow->addWidget(m_failureCount);
    failuresLayout->addLayout(filterRow);
    failuresLayout->addWidget(m_failures, 1);

    // Label errors tab.
    m_labelErrorsCaption->setWordWrap(true);
    m_labelErrors->setEmptyText(tr("No evaluation yet"));
    auto *labelTab = new QWidget(this);
    auto *labelLayout = new QVBoxLayout(labelTab);
    labelLayout->addWidget(m_labelErrorsCaption);
    labelLayout->addWidget(m_labelErrors, 1);

    m_robustness->setEmptyText(tr("Not computed yet — press Compute robustness"));

    m_tabs->addTab(confusionTab, tr("Confusion matrix"));
    m_tabs->addTab(failuresTab, tr("Failures"));
    m_tabs->addTab(labelTab, tr("Label errors"));
    m_tabs->addTab(m_robustness, tr("Robustness"));
    m_tabs->addTab(m_curves, tr("Learning curves"));

    for (GalleryView *gallery : {m_cellGallery, m_failures, m_labelErrors})
        connect(gallery, &GalleryView::flagToggleRequested, this, [this](const QList<qint64> &ids) { toggleFlags(ids); });
    auto *undo = new QShortcut(QKeySequence::Undo, this);
    undo->setContext(Qt::WidgetWithChildrenShortcut);
    connect(undo, &QShortcut::activated, this, &EvaluatePage::undoFlag);

    auto *chooser = new QHBoxLayout;
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_models);
    auto *dataLabel = new QLabel(tr("&Test set:"), this);
    dataLabel->setBuddy(m_datasets);
    chooser->addWidget(modelLabel);
    chooser->addWidget(m_models);
    chooser->addWidget(dataLabel);
    chooser->addWidget(m_datasets);
    chooser->addStretch();
    chooser->addWidget(m_status);
    chooser->addWidget(m_evaluate);
    chooser->addWidget(m_computeRobustness);
    chooser->addWidget(m_export);

    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_status->setEnabled(false);
    auto *report = new QWidget(this);
    auto *reportLayout = new QVBoxLayout(report);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addWidget(m_summary);
    reportLayout->addWidget(m_tabs, 1);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setEnabled(false);
    m_stack->addWidget(report);
    m_stack->addWidget(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addLayout(m_stack, 1);

    if (m_context.jobs)
        // The job is looked at now, while it exists (it is deleted later); the reload waits for
        // the event loop.
        connect(m_context.jobs, &JobManager::jobFinished, this, [this](Job *job) {
            if (!qobject_cast<EvaluateJob *>(job)) // a training run may have registered a model
                QMetaObject::invokeMethod(this, &EvaluatePage::reload, Qt::QueuedConnection);
        });
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
    {
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
    }
    // Showing the page again keeps what is open (and any evaluation on its way).
    if (m_models->currentData().toLongLong() != selected || m_datasets->count() == 0)
        modelChanged();
}

void EvaluatePage::showModel(qint64 modelId)
{
    const int index = m_models->findData(modelId);
    if (index >= 0)
        m_models->setCurrentIndex(index);
}

int EvaluatePage::perClassRowCount() const
{
    return m_perClass->model()->rowCount();
}

void EvaluatePage::modelChanged()
{
    m_opened.reset();
    ++m_request;
    if (m_models->count() == 0) {
        showMessage(tr("No model versions yet.\nWhen a training run ends, its model is evaluated on the test split "
                       "and the evaluation appears here."));
        return;
    }
    // The data set versions this model can be evaluated on: its own first, then any other
    // with the same classes and image size.
    const QSignalBlocker block(m_datasets);
    m_datasets->clear();
    try {
        const ModelVersion model = ModelRegistry(*m_context.workspace).require(m_models->currentData().toLongLong());
        const DatasetStore store(*m_context.workspace);
        const std::optional<DatasetVersion> own = model.datasetId.isEmpty() ? std::nullopt : store.find(model.datasetId);
        if (own)
            m_datasets->addItem(tr("%1 %2 (trained on)").arg(own->name, own->id.left(8)), own->id);
        for (const DatasetVersion &v : store.list())
            if ((!own || v.id != own->id) && (!own || (v.classNames.size() == own->classNames.size()
                                                       && v.channels == own->channels && v.height == own->height
                                                       && v.width == own->width)) && v.testCount > 0)
                m_datasets->addItem(tr("%1 %2").arg(v.name, v.id.left(8)), v.id);
        m_curves->showRuns(model.runId ? QList<qint64>{*model.runId} : QList<qint64>{});
    } catch (const Error &e) {
        showMessage(tr("This model cannot be shown:\n%1").arg(e.message()));
        return;
    }
    datasetChanged();
}

void EvaluatePage::datasetChanged()
{
    m_opened.reset();
    ++m_request;
    showRegisteredReport();
    // A stored evaluation opens by itself (reading it is quick); a missing one waits for the
    // user, except on the model's own data set, which training always evaluated.
    try {
        const qint64 modelId = m_models->currentData().toLongLong();
        const QString datasetId = m_datasets->currentData().toString();
        if (!datasetId.isEmpty() && EvaluationStore(*m_context.workspace).find(modelId, datasetId))
            evaluate(false, false);
        else if (!datasetId.isEmpty())
            m_status->setText(tr("not evaluated on this test set yet: press Evaluate"));
    } catch (const Error &e) {
        spdlog::error("cannot look up the evaluation: {}", e.message().toStdString());
    }
}

void EvaluatePage::showRegisteredReport()
{
    // What the registry recorded when the model was registered: shown at once, before (or
    // without) the per-sample evaluation.
    m_perClass->clear();
    m_confusion->clear();
    for (GalleryView *gallery : {m_cellGallery, m_failures, m_labelErrors})
        gallery->galleryModel()->setSource(nullptr, nullptr, {});
    m_robustness->setCurves({});
    m_cell.reset();
    m_status->clear();
    try {
        const ModelVersion model = ModelRegistry(*m_context.workspace).require(m_models->currentData().toLongLong());
        const QJsonObject json = model.evaluation.value(QStringLiteral("report")).toObject();
        const bool ownData = m_datasets->currentIndex() <= 0;
        if (json.isEmpty() || !ownData) {
            m_summary->setText(tr("Model %1 — %2").arg(model.id).arg(model.architecture));
        } else {
            QStringList names;
            const ClassificationReport report = ClassificationReport::fromJson(json, tr("evaluation of model %1").arg(model.id), &names);
            m_perClass->setReport(report, names);
            m_confusion->setMatrix(report.confusion, names);
            m_summary->setText(tr("Accuracy <b>%1</b> · macro-F1 <b>%2</b> · weighted-F1 <b>%3</b> · %4 test images")
                                   .arg(QLocale().toString(report.accuracy, 'f', 4), QLocale().toString(report.macroF1, 'f', 4),
                                        QLocale().toString(report.weightedF1, 'f', 4), QLocale().toString(report.confusion.total())));
        }
        m_cellCaption->setText(tr("Evaluate the model to see the images behind each cell."));
        m_failureCount->clear();
        m_labelErrorsCaption->setText(tr("Evaluate the model to rank its test images by how little it believes their labels."));
        m_stack->setCurrentIndex(0);
    } catch (const Error &e) {
        showMessage(tr("The evaluation report of this model cannot be read:\n%1").arg(e.message()));
    }
}

void EvaluatePage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentIndex(1);
}

void EvaluatePage::evaluate(bool robustness, bool recompute)
{
    if (!m_context.jobs || m_models->count() == 0)
        return;
    EvaluationRequest request;
    request.modelId = m_models->currentData().toLongLong();
    request.datasetRef = m_datasets->currentData().toString();
    request.robustness = robustness;
    request.recompute = recompute;
    const quint64 serial = ++m_request;
    m_evaluating = true;
    m_evaluate->setEnabled(false);
    m_computeRobustness->setEnabled(false);
    m_status->setText(recompute || robustness ? tr("evaluating…") : tr("opening…"));
    m_context.jobs->start(std::make_unique<EvaluateJob>(m_context.workspace, request), [this, serial](Job *job) {
        auto *evaluation = static_cast<EvaluateJob *>(job);
        connect(evaluation, &Job::succeeded, this, [this, evaluation, serial] {
            if (serial == m_request)
                showOpened(std::make_shared<OpenedEvaluation>(evaluation->result().opened));
        });
        connect(evaluation, &Job::failed, this, [this, serial](const QString &message) {
            if (serial != m_request)
                return;
            m_status->setText(tr("evaluation failed"));
            showWarning(this, tr("Evaluation failed"), message);
            Q_EMIT evaluationFailed(message);
        });
        connect(evaluation, &Job::cancelled, this, [this] { m_status->setText(tr("evaluation cancelled")); });
        connect(evaluation, &Job::finished, this, [this, serial] {
            if (serial != m_request)
                return; // a newer evaluation is on its way
            m_evaluating = false;
            m_evaluate->setEnabled(true);
            m_computeRobustness->setEnabled(true);
        });
    });
}

void EvaluatePage::showOpened(std::shared_ptr<OpenedEvaluation> opened)
{
    m_opened = std::move(opened);
    const EvaluationResult &samples = *m_opened->samples;
    const QStringList &names = m_opened->classNames;
    m_status->setText(m_opened->computed ? tr("evaluated now") : tr("stored %1").arg(QLocale().toString(
                                                                    m_opened->record.created.toLocalTime(), QLocale::ShortFormat)));
    m_perClass->setReport(samples.report, names);
    m_confusion->setMatrix(samples.report.confusion, names);
    for (GalleryView *gallery : {m_cellGallery, m_failures, m_labelErrors})
        gallery->galleryModel()->setSource(m_opened->data, m_opened->samples, names);
    fillClassFilter(m_trueFilter, names);
    fillClassFilter(m_predictedFilter, names);
    updateSummary();
    updateFlags();
    updateFailures();
    updateLabelErrors();
    if (m_cell)
        showCell(m_cell->first, m_cell->second);
    else
        m_cellCaption->setText(tr("Click a cell, or a row or column name, to see its images."));

    const QJsonArray robustness = m_opened->record.summary.value(QStringLiteral("robustness")).toArray();
    try {
        m_robustness->setCurves(corruptionCurvesFromJson(robustness, tr("stored evaluation")));
    } catch (const Error &e) {
        spdlog::warn("{}", e.message().toStdString());
        m_robustness->setCurves({});
    }
    // The same few test images at every severity: the first of each of the first classes.
    std::vector<qint64> shown;
    for (int c = 0; c < samples.numClasses() && shown.size() < 4; ++c)
        for (qsizetype i = 0; i < samples.size(); ++i)
            if (samples.truth[size_t(i)] == c) {
                shown.push_back(samples.indices[size_t(i)]);
                break;
            }
    m_robustness->setSamples(m_opened->data, shown);
    m_stack->setCurrentIndex(0);
    Q_EMIT evaluationShown();
}

void EvaluatePage::updateSummary()
{
    if (!m_opened)
        return;
    const ClassificationReport &report = m_opened->samples->report;
    const QJsonObject &summary = m_opened->record.summary;
    const QLocale locale;
    QString text = tr("Accuracy <b>%1</b> · macro-F1 <b>%2</b> · weighted-F1 <b>%3</b> · %4 test images")
                       .arg(locale.toString(report.accuracy, 'f', 4), locale.toString(report.macroF1, 'f', 4),
                            locale.toString(report.weightedF1, 'f', 4), locale.toString(report.confusion.total()));
    text += tr(" · %1 parameters").arg(locale.toString(m_opened->model.parameterCount));
    if (summary.contains(QStringLiteral("sizeBytes")))
        text += tr(" · %1 on disk").arg(megabytes(summary.value(QStringLiteral("sizeBytes")).toInteger()));
    const QJsonObject latency = summary.value(QStringLiteral("latencyMs")).toObject();
    if (!latency.isEmpty())
        text += tr(" · one image in %1 ms (p99 %2 ms)")
                    .arg(locale.toString(latency.value(QStringLiteral("p50")).toDouble(), 'f', 2),
                         locale.toString(latency.value(QStringLiteral("p99")).toDouble(), 'f', 2));
    m_summary->setText(text);
}

QString EvaluatePage::summaryText() const
{
    return m_summary->text();
}

void EvaluatePage::showCell(int trueClass, int predictedClass)
{
    m_cell = std::make_pair(trueClass, predictedClass);
    m_tabs->setCurrentIndex(ConfusionTab);
    m_confusion->setSelection(trueClass, predictedClass);
    if (!m_opened)
        return;
    const std::optional<int> t = trueClass < 0 ? std::nullopt : std::optional<int>(trueClass);
    const std::optional<int> p = predictedClass < 0 ? std::nullopt : std::optional<int>(predictedClass);
    std::vector<qsizetype> positions = cellPositions(*m_opened->samples, t, p);
    const QStringList &names = m_opened->classNames;
    const QString count = QLocale().toString(qint64(positions.size()));
    if (t && p)
        m_cellCaption->setText(tr("True %1, predicted %2: %3 images").arg(names.value(*t), names.value(*p), count));
    else if (t)
        m_cellCaption->setText(tr("True %1, any prediction: %2 images").arg(names.value(*t), count));
    else if (p)
        m_cellCaption->setText(tr("Predicted %1, any true class: %2 images").arg(names.value(*p), count));
    m_cellGallery->galleryModel()->setPositions(std::move(positions));
}

void EvaluatePage::updateFailures()
{
    if (!m_opened)
        return;
    const FailureOrder order = FailureOrder(m_order->currentData().toInt());
    std::vector<qsizetype> positions =
        failurePositions(*m_opened->samples, order, chosenClass(m_trueFilter), chosenClass(m_predictedFilter));
    m_failureCount->setText(tr("%1 mistakes").arg(QLocale().toString(qint64(positions.size()))));
    m_failures->galleryModel()->setPositions(std::move(positions));
}

void EvaluatePage::updateLabelErrors()
{
    if (!m_opened)
        return;
    // Flagged samples first (so they can be reviewed and taken back), then the ranking.
    const EvaluationResult &samples = *m_opened->samples;
    const QSet<qint64> &flagged = m_labelErrors->galleryModel()->flagged();
    std::vector<qsizetype> positions;
    for (qsizetype i = 0; i < samples.size(); ++i)
        if (flagged.contains(samples.indices[size_t(i)]))
            positions.push_back(i);
    for (const qsizetype i : labelErrorRanking(samples, kLabelErrorRows))
        if (!flagged.contains(samples.indices[size_t(i)]))
            positions.push_back(i);
    m_labelErrorsCaption->setText(
        tr("%1 flagged as suspected label errors, then the test images whose recorded label the model believes least. "
           "Select images and press F to flag or unflag them (Ctrl+Z takes the last change back); "
           "Export lists the flagged ones.").arg(flagged.size()));
    m_labelErrors->galleryModel()->setPositions(std::move(positions));
}

void EvaluatePage::updateFlags()
{
    if (!m_opened)
        return;
    try {
        const QSet<qint64> flagged = LabelFlagStore(*m_context.workspace).flaggedIndices(m_opened->record.datasetId);
        for (GalleryView *gallery : {m_cellGallery, m_failures, m_labelErrors})
            gallery->galleryModel()->setFlagged(flagged);
    } catch (const Error &e) {
        spdlog::error("cannot read the label flags: {}", e.message().toStdString());
    }
}

void EvaluatePage::toggleFlags(const QList<qint64> &sampleIndices, bool undoable)
{
    if (!m_opened || sampleIndices.isEmpty())
        return;
    // A write: on the store thread, so that another process's lock cannot freeze the window.
    m_context.jobs->store().run(
        this,
        [workspace = m_context.workspace, datasetId = m_opened->record.datasetId, sampleIndices,
         modelId = m_opened->model.id] { LabelFlagStore(*workspace).toggle(datasetId, sampleIndices, modelId); },
        [this, sampleIndices, undoable] {
            if (undoable)
                m_lastToggled = sampleIndices;
            updateFlags();
            updateLabelErrors();
        },
        [this](const QString &message) { showWarning(this, tr("Flags not changed"), message); });
}

void EvaluatePage::undoFlag()
{
    const QList<qint64> last = m_lastToggled;
    if (last.isEmpty())
        return;
    m_lastToggled.clear();
    toggleFlags(last, false); // toggling the same samples again restores them
}

QString EvaluatePage::chooseFile(const QString &title, const QString &name, const QString &filter)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileDialog::getSaveFileName(this, title, dir + u'/' + name, filter);
}

void EvaluatePage::exportConfusion()
{
    const QString path = chooseFile(tr("Export the confusion matrix"), QStringLiteral("confusion.png"),
                                    tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!path.isEmpty() && !m_confusion->saveImage(path))
        showWarning(this, tr("Not exported"), tr("%1: cannot be written (use .png, .svg or .pdf)").arg(path));
}

void EvaluatePage::exportRobustness()
{
    const QString path = chooseFile(tr("Export the robustness plot"), QStringLiteral("robustness.png"),
                                    tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!path.isEmpty() && !m_robustness->savePlot(path))
        showWarning(this, tr("Not exported"), tr("%1: cannot be written (use .png, .svg or .pdf)").arg(path));
}

void EvaluatePage::exportCsv(const QString &title, const QString &fileName, const std::function<void(const QString &)> &write)
{
    if (!m_opened) {
        showWarning(this, tr("Nothing to export"), tr("Evaluate the model first."));
        return;
    }
    const QString path = chooseFile(title, fileName, tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        write(path);
    } catch (const Error &e) {
        showWarning(this, tr("Not exported"), e.message());
    }
}

void EvaluatePage::exportPerClass()
{
    exportCsv(tr("Export the per-class table"), QStringLiteral("per-class.csv"),
              [this](const QString &path) { writeFileAtomically(path, m_perClass->toCsv().toUtf8()); });
}

void EvaluatePage::exportPredictions()
{
    exportCsv(tr("Export every test image's prediction"), QStringLiteral("predictions.csv"),
              [this](const QString &path) { writePredictionsCsv(path, *m_opened->samples, m_opened->classNames); });
}

void EvaluatePage::exportFlagged()
{
    exportCsv(tr("Export the suspected label errors"), QStringLiteral("label-errors.csv"), [this](const QString &path) {
        const Dataset &data = *m_opened->data;
        QString csv = QStringLiteral("index,label,class,flagged_at,model\n");
        for (const LabelFlag &f : LabelFlagStore(*m_context.workspace).list(m_opened->record.datasetId)) {
            const int label = f.sampleIndex < data.size() ? data.labels[size_t(f.sampleIndex)] : -1;
            csv += QStringLiteral("%1,%2,\"%3\",%4,%5\n").arg(f.sampleIndex).arg(label)
                       .arg(data.classNames.value(label).replace(QStringLiteral("\""), QStringLiteral("\"\"")))
                       .arg(toSqlTime(f.flagged)).arg(f.modelId ? QString::number(*f.modelId) : QString());
        }
        writeFileAtomically(path, csv.toUtf8());
    });
}

QWidget *createEvaluatePage(AppContext &context, QWidget *parent)
{
    return new EvaluatePage(context, parent);
}

} // namespace mlwb
