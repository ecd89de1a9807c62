#include "models/ModelsPage.h"

#include "AppContext.h"
#include "Pages.h"
#include "common/Log.h"
#include "jobs/JobManager.h"
#include "jobs/ModelJobs.h"
#include "app/Warning.h"
#include "models/AutoTuneDialog.h"
#include "models/ComparisonView.h"
#include "registry/EvaluationStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedLayout>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace mlwb {

namespace {

enum Column { Id, Architecture, Data, MacroF1, Accuracy, Parameters, Latency, Created, Alias, ColumnCount };

constexpr int kSortRole = Qt::UserRole;

// Shows `text` but sorts by `value`, so that numbers sort as numbers.
QStandardItem *cell(const QString &text, const QVariant &value, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *item = new QStandardItem(text);
    item->setData(value, kSortRole);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

ModelsPage::ModelsPage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_stack(new QStackedLayout), m_table(new QTableView(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this)), m_proxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)), m_gates(new QLabel(this)), m_compare(new QPushButton(tr("&Compare"), this)),
      m_compareOn(new QComboBox(this)),
      m_promote(new QPushButton(tr("&Promote to production"), this)), m_autoTune(new QPushButton(tr("&Auto-tune…"), this)),
      m_rollback(new QPushButton(tr("&Roll back production"), this)),
      m_comparison(new ComparisonView(context.workspace, this)), m_history(new QStandardItemModel(0, 5, this))
{
    setObjectName(QStringLiteral("modelsPage"));
    m_model->setHorizontalHeaderLabels({tr("ID"), tr("Architecture"), tr("Data set"), tr("Macro-F1"), tr("Accuracy"),
                                        tr("Parameters"), tr("Latency"), tr("Created"), tr("Alias")});
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Id, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelsPage::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_context.showEvaluation && selectedModelId() > 0)
            m_context.showEvaluation(selectedModelId());
    });

    m_filter->setPlaceholderText(tr("Filter: architecture, data set, alias, id…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    connect(findShortcut, &QShortcut::activated, m_filter, qOverload<>(&QWidget::setFocus));

    m_gates->setTextFormat(Qt::PlainText);
    m_gates->setWordWrap(true);
    m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_compare->setToolTip(tr("Compare the selected versions (2–4, Ctrl+click) on one test set (Ctrl+K)"));
    m_promote->setToolTip(tr("Make the selected model the production model if it passes the gates (Ctrl+P)"));
    m_promote->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_rollback->setToolTip(tr("Point production back at the model it pointed at before"));
    auto *import = new QPushButton(tr("&Import…"), this);
    import->setToolTip(tr("Register a TorchScript classifier made elsewhere (torch.jit.save) and evaluate it"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(m_compare, &QPushButton::clicked, this, [this] { compareSelected(m_compareOn->currentData().toString()); });
    m_compareOn->setToolTip(tr("The test set the models are compared on: all of them are evaluated on it (stored "
                               "evaluations are reused)"));
    m_compareOn->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_promote, &QPushButton::clicked, this, &ModelsPage::promoteSelected);
    m_autoTune->setToolTip(tr("A model below the gate: search learning rate, optimizer, batch size and epochs "
                              "around its settings, within a budget"));
    connect(m_autoTune, &QPushButton::clicked, this, &ModelsPage::autoTuneSelected);
    connect(m_rollback, &QPushButton::clicked, this, &ModelsPage::rollback);
    connect(import, &QPushButton::clicked, this, &ModelsPage::chooseImport);
    connect(refresh, &QPushButton::clicked, this, &ModelsPage::reload);

    auto *empty = new QLabel(tr("No model versions yet.\nTrain a model on the Train page: it is registered here "
                                "when training ends. Or import a TorchScript classifier (Import…)."), this);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);
    auto *tableBox = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_filter);
    tableLayout->addWidget(m_table, 1);
    m_stack->addWidget(tableBox);
    m_stack->addWidget(empty);
    auto *stackHost = new QWidget(this);
    stackHost->setLayout(m_stack);

    m_history->setHorizontalHeaderLabels({tr("When"), tr("Action"), tr("Model"), tr("Before"), tr("Note")});
    auto *history = new QTableView(this);
    history->setModel(m_history);
    history->verticalHeader()->hide();
    history->horizontalHeader()->setStretchLastSection(true);
    history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *lower = new QTabWidget(this);
    lower->addTab(m_comparison, tr("Comparison"));
    lower->addTab(history, tr("Promotion history"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(stackHost);
    split->addWidget(lower);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(refresh);
    buttons->addWidget(import);
    buttons->addWidget(m_compare);
    buttons->addWidget(new QLabel(tr("on"), this));
    buttons->addWidget(m_compareOn);
    buttons->addWidget(m_autoTune);
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_promote);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Model versions</b>"), this));
    layout->addWidget(split, 1);
    layout->addWidget(m_gates);
    layout->addLayout(buttons);

    if (m_context.jobs)
        connect(m_context.jobs, &JobManager::jobFinished, this, &ModelsPage::reload, Qt::QueuedConnection);
    reload();
}

void ModelsPage::showEvent(QShowEvent *event)
{
    reload();
    QWidget::showEvent(event);
}

void ModelsPage::reload()
{
    if (!m_context.workspace)
        return;
    const QList<qint64> selected = selectedModelIds();
    try {
        const ModelRegistry registry(*m_context.workspace);
        const Gates gates = registry.gates();
        const QLocale locale;
        QString gateText = tr("Gates: macro-F1 ≥ %1, parameters ≤ %2").arg(gates.minMacroF1, 0, 'f', 4)
                               .arg(locale.toString(gates.maxParameters));
        if (gates.mustBeatProduction)
            gateText += tr(", must beat production's macro-F1 on the same test set");
        m_gates->setText(gateText);
        const std::optional<ModelVersion> production = registry.production();
        const QHash<qint64, double> latencies = EvaluationStore(*m_context.workspace).ownDataLatencies();
        QHash<QString, QString> datasetNames;
        const QString compareOn = m_compareOn->currentData().toString();
        m_compareOn->clear();
        m_compareOn->addItem(tr("the first model's test set"), QString());
        for (const DatasetVersion &v : DatasetStore(*m_context.workspace).list()) {
            datasetNames.insert(v.id, QStringLiteral("%1 %2").arg(v.name, v.id.left(8)));
            if (v.testCount > 0)
                m_compareOn->addItem(tr("%1 %2").arg(v.name, v.id.left(8)), v.id);
        }
        m_compareOn->setCurrentIndex(std::max(0, m_compareOn->findData(compareOn)));
        m_model->setRowCount(0);
        for (const ModelVersion &model : registry.list()) {
            const bool isProduction = production && production->id == model.id;
            const double latency = latencies.value(model.id, -1);
            QList<QStandardItem *> row(ColumnCount);
            row[Id] = cell(QString::number(model.id), model.id, Qt::AlignRight);
            row[Architecture] = cell(model.architecture, model.architecture);
            row[Data] = cell(datasetNames.value(model.datasetId, model.datasetId.left(8)), model.datasetId);
            row[MacroF1] = cell(locale.toString(model.macroF1, 'f', 4), model.macroF1, Qt::AlignRight);
            row[Accuracy] = cell(locale.toString(model.accuracy, 'f', 4), model.accuracy, Qt::AlignRight);
            row[Parameters] = cell(locale.toString(model.parameterCount), model.parameterCount, Qt::AlignRight);
            row[Latency] = cell(latency < 0 ? QStringLiteral("–") : tr("%1 ms").arg(locale.toString(latency, 'f', 2)),
                                latency, Qt::AlignRight);
            row[Created] = cell(locale.toString(model.created.toLocalTime(), QLocale::ShortFormat), model.created);
            row[Alias] = cell(isProduction ? tr("★ production") : QString(), isProduction ? 1 : 0);
            if (isProduction)
                for (QStandardItem *item : row) {
                    QFont font = item->font();
                    font.setBold(true);
                    item->setFont(font);
                }
            m_model->appendRow(row);
        }
    } catch (const std::exception &e) {
        spdlog::error("cannot list the model versions: {}", e.what());
    }
    m_table->resizeColumnsToContents();
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
    selectModels(selected);
    reloadHistory();
    updateButtons();
}

void ModelsPage::reloadHistory()
{
    m_history->setRowCount(0);
    try {
        const QLocale locale;
        for (const AliasEvent &e : ModelRegistry(*m_context.workspace).history()) {
            QList<QStandardItem *> row;
            for (const QString &text : {locale.toString(e.at.toLocalTime(), QLocale::ShortFormat),
                                        e.action == u"promote" ? tr("promoted") : tr("rolled back"),
                                        QString::number(e.modelId),
                                        e.previousModelId ? QString::number(*e.previousModelId) : QStringLiteral("–"), e.note})
                row << new QStandardItem(text);
            m_history->appendRow(row);
        }
    } catch (const std::exception &e) {
        spdlog::error("cannot read the promotion history: {}", e.what());
    }
}

QList<qint64> ModelsPage::selectedModelIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows(Id))
        ids << index.data(kSortRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

qint64 ModelsPage::selectedModelId() const
{
    const QList<qint64> ids = selectedModelIds();
    return ids.isEmpty() ? 0 : ids.first();
}

void ModelsPage::selectModels(const QList<qint64> &ids)
{
    QItemSelection selection;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        if (ids.contains(m_proxy->index(row, Id).data(kSortRole).toLongLong()))
            selection.select(m_proxy->index(row, 0), m_proxy->index(row, ColumnCount - 1));
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void ModelsPage::updateButtons()
{
    const qsizetype selected = selectedModelIds().size();
    m_promote->setEnabled(selected == 1 && !m_busy);
    m_autoTune->setEnabled(selected == 1);
    m_compare->setEnabled(selected >= 2 && selected <= 4 && !m_busy);
    m_rollback->setEnabled(m_history->rowCount() > 0 && !m_busy);
}

void ModelsPage::compareSelected(const QString &datasetRef)
{
    const QList<qint64> ids = selectedModelIds();
    if (ids.size() < 2 || ids.size() > 4 || !m_context.jobs)
        return;
    m_busy = true;
    updateButtons();
    m_comparison->clear(tr("Comparing models %1 on one test set…").arg(QLocale().createSeparatedList(
        [&] { QStringList s; for (qint64 id : ids) s << QString::number(id); return s; }())));
    m_context.jobs->start(std::make_unique<CompareJob>(m_context.workspace, CompareJob::Params{ids, datasetRef}), [this](Job *job) {
        auto *compare = static_cast<CompareJob *>(job);
        connect(compare, &Job::succeeded, this, [this, compare] {
            m_comparison->setComparison(compare->result());
            Q_EMIT comparisonShown();
        });
        connect(compare, &Job::failed, this, [this](const QString &message) {
            m_comparison->clear(tr("The models cannot be compared:\n%1").arg(message));
        });
        connect(compare, &Job::finished, this, [this] {
            m_busy = false;
            updateButtons();
        });
    });
}

void ModelsPage::promoteSelected()
{
    const qint64 id = selectedModelId();
    if (id <= 0 || !m_context.workspace || !m_context.jobs)
        return;
    PromoteJob::Params params;
    params.modelId = id;
    params.gates = ModelRegistry(*m_context.workspace).gates();
    m_busy = true;
    updateButtons();
    m_context.jobs->start(std::make_unique<PromoteJob>(m_context.workspace, params), [this, id](Job *job) {
        auto *promote = static_cast<PromoteJob *>(job);
        connect(promote, &Job::succeeded, this, [this, promote] {
            spdlog::info("{}", promote->result().message.toStdString());
            Q_EMIT promotionFinished(true, promote->result().message);
        });
        connect(promote, &Job::failed, this, [this, promote, id](const QString &message) {
            const QString text = promote->gateFailures().isEmpty()
                                     ? message
                                     : tr("Model %1 does not pass the promotion gates:\n\n%2")
                                           .arg(id).arg(promote->gateFailures().join(QLatin1Char('\n')));
            Q_EMIT promotionFinished(false, text);
            showWarning(this, tr("Model %1 not promoted").arg(id), text);
        });
        connect(promote, &Job::finished, this, [this] {
            m_busy = false;
            reload();
        });
    });
}

AutoTuneDialog *ModelsPage::autoTuneSelected()
{
    const qint64 id = selectedModelId();
    if (id <= 0)
        return nullptr;
    try {
        auto *dialog = new AutoTuneDialog(m_context, ModelRegistry(*m_context.workspace).require(id), this);
        connect(dialog, &AutoTuneDialog::promoteRequested, this, [this](qint64 modelId) {
            reload();
            selectModels({modelId});
            promoteSelected();
        });
        dialog->show();
        return dialog;
    } catch (const Error &e) {
        showWarning(this, tr("Auto-tune"), e.message());
        return nullptr;
    }
}

void ModelsPage::rollback()
{
    if (!m_context.workspace)
        return;
    // A write: on the store thread, so that another process's lock cannot freeze the window.
    m_context.jobs->store().run(
        this, [workspace = m_context.workspace] { return ModelRegistry(*workspace).rollback(); },
        [this](const ModelVersion &now) {
            spdlog::info("production rolled back to model {}", now.id);
            reload();
        },
        [this](const QString &message) {
            showWarning(this, tr("Production not rolled back"), message);
            reload();
        });
}

void ModelsPage::chooseImport()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import a TorchScript classifier"), {},
                                                      tr("TorchScript (*.pt *.pth *.ts);;All files (*)"));
    if (file.isEmpty())
        return;
    QStringList names, ids;
    for (const DatasetVersion &v : DatasetStore(*m_context.workspace).list()) {
        names << tr("%1 %2 — %3 classes, %4×%5").arg(v.name, v.id.left(8)).arg(v.classNames.size()).arg(v.width).arg(v.height);
        ids << v.id;
    }
    if (ids.isEmpty()) {
        QMessageBox::information(this, tr("No data set"), tr("Import a data set on the Data page first: the model is "
                                                             "evaluated on its test split."));
        return;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Evaluate on"), tr("The model takes this data set's images and "
                                                                             "predicts its classes:"), names, 0, false, &ok);
    if (ok)
        importModel(file, ids.value(names.indexOf(chosen)));
}

void ModelsPage::importModel(const QString &file, const QString &datasetRef)
{
    if (!m_context.jobs)
        return;
    m_context.jobs->start(std::make_unique<ImportModelJob>(m_context.workspace, ImportModelJob::Params{file, datasetRef, {}}),
                          [this, file](Job *job) {
                              connect(job, &Job::failed, this, [this, file](const QString &message) {
                                  showWarning(this, tr("Not imported"), message);
                              });
                          });
}

QWidget *createModelsPage(AppContext &context, QWidget *parent)
{
    return new ModelsPage(context, parent);
}

} // namespace mlwb
