#include "app/ModelsPage.h"

#include "AppContext.h"
#include "jobs/JobManager.h"
#include "registry/ModelRegistry.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedLayout>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include "common/Log.h"

namespace mlwb {

namespace {

enum Column { Id, Architecture, MacroF1, Accuracy, Parameters, Created, Production, ColumnCount };

// Shows `text` but sorts by `value`, so that numbers sort as numbers.
QStandardItem *cell(const QString &text, const QVariant &value, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *item = new QStandardItem(text);
    item->setData(value, Qt::UserRole);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

ModelsPage::ModelsPage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_stack(new QStackedLayout), m_table(new QTableView(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this)), m_gates(new QLabel(this)),
      m_promote(new QPushButton(tr("&Promote to production"), this)), m_rollback(new QPushButton(tr("&Roll back production"), this))
{
    setObjectName(QStringLiteral("modelsPage"));
    m_model->setHorizontalHeaderLabels({tr("ID"), tr("Architecture"), tr("Macro-F1"), tr("Accuracy"), tr("Parameters"),
                                        tr("Created"), tr("Production")});
    m_model->setSortRole(Qt::UserRole);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelsPage::updateButtons);

    auto *title = new QLabel(tr("<b>Model versions</b>"), this);
    m_gates->setTextFormat(Qt::PlainText);
    m_promote->setToolTip(tr("Make the selected model the production model if it passes the gates (Ctrl+P)"));
    m_promote->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_rollback->setToolTip(tr("Point production back at the model it pointed at before"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(m_promote, &QPushButton::clicked, this, &ModelsPage::promoteSelected);
    connect(m_rollback, &QPushButton::clicked, this, &ModelsPage::rollback);
    connect(refresh, &QPushButton::clicked, this, &ModelsPage::reload);

    auto *empty = new QLabel(tr("No model versions yet.\nTrain a model on the Train page: it is registered here "
                                "when training ends."), this);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);
    m_stack->addWidget(m_table);
    m_stack->addWidget(empty);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_gates, 1);
    buttons->addWidget(refresh);
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_promote);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(m_stack, 1);
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
    const qint64 selected = selectedModelId();
    try {
        const ModelRegistry registry(*m_context.workspace);
        const Gates gates = registry.gates();
        const QLocale locale;
        m_gates->setText(tr("Gates: macro-F1 ≥ %1, parameters ≤ %2")
                             .arg(gates.minMacroF1, 0, 'f', 4)
                             .arg(locale.toString(gates.maxParameters)));
        const std::optional<ModelVersion> production = registry.production();
        m_model->setRowCount(0);
        for (const ModelVersion &model : registry.list()) {
            const bool isProduction = production && production->id == model.id;
            QList<QStandardItem *> row(ColumnCount);
            row[Id] = cell(QString::number(model.id), model.id, Qt::AlignRight);
            row[Architecture] = cell(model.architecture, model.architecture);
            row[MacroF1] = cell(locale.toString(model.macroF1, 'f', 4), model.macroF1, Qt::AlignRight);
            row[Accuracy] = cell(locale.toString(model.accuracy, 'f', 4), model.accuracy, Qt::AlignRight);
            row[Parameters] = cell(locale.toString(model.parameterCount), model.parameterCount, Qt::AlignRight);
            row[Created] = cell(locale.toString(model.created.toLocalTime(), QLocale::ShortFormat), model.created);
            row[Production] = cell(isProduction ? tr("★ production") : QString(), isProduction ? 1 : 0);
            if (isProduction) {
                for (QStandardItem *item : row) {
                    QFont font = item->font();
                    font.setBold(true);
                    item->setFont(font);
                }
            }
            m_model->appendRow(row);
        }
    } catch (const std::exception &e) {
        spdlog::error("cannot list the model versions: {}", e.what());
    }
    m_table->resizeColumnsToContents();
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->item(row, Id)->data(Qt::UserRole).toLongLong() == selected)
            m_table->selectRow(row);
    updateButtons();
}

qint64 ModelsPage::selectedModelId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(Id);
    return rows.isEmpty() ? 0 : rows.first().data(Qt::UserRole).toLongLong();
}

void ModelsPage::updateButtons()
{
    m_promote->setEnabled(selectedModelId() > 0);
    m_rollback->setEnabled(m_model->rowCount() > 1);
}

void ModelsPage::promoteSelected()
{
    const qint64 id = selectedModelId();
    if (id <= 0 || !m_context.workspace)
        return;
    try {
        const ModelRegistry registry(*m_context.workspace);
        const ModelRegistry::PromoteResult result = registry.promote(id, registry.gates());
        spdlog::info("{}", result.message);
    } catch (const GateError &e) {
        QMessageBox::warning(this, tr("Model %1 not promoted").arg(id),
                             tr("Model %1 does not pass the promotion gates:\n\n%2")
                                 .arg(id)
                                 .arg(e.failures().join(QLatin1Char('\n'))));
    } catch (const Error &e) {
        QMessageBox::warning(this, tr("Model %1 not promoted").arg(id), e.message());
    }
    reload();
}

void ModelsPage::rollback()
{
    if (!m_context.workspace)
        return;
    try {
        const ModelVersion now = ModelRegistry(*m_context.workspace).rollback();
        spdlog::info("production rolled back to model {}", now.id);
    } catch (const Error &e) {
        QMessageBox::warning(this, tr("Production not rolled back"), e.message());
    }
    reload();
}

} // namespace mlwb
