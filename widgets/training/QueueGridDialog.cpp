#include "training/QueueGridDialog.h"

#include "app/ErrorLabel.h"
#include "app/ValueList.h"
#include "common/Error.h"
#include "jobs/RunQueue.h"
#include "models/ModelSpec.h"
#include "store/DatasetStore.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mlwb {

namespace {

QListWidget *checkList(QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setMinimumHeight(110);
    return list;
}

void addCheckItem(QListWidget *list, const QString &text, const QString &value, bool checked)
{
    auto *item = new QListWidgetItem(text, list);
    item->setData(Qt::UserRole, value);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

} // namespace

QueueGridDialog::QueueGridDialog(WorkspacePtr workspace, const QString &datasetId, const TrainSettings &base,
                                 QWidget *parent)
    : QDialog(parent), m_workspace(std::move(workspace)), m_base(base), m_datasets(checkList(this)),
      m_models(checkList(this)), m_learningRates(new QLineEdit(this)), m_batchSizes(new QLineEdit(this)),
      m_epochs(new QLineEdit(this)), m_priority(new QSpinBox(this)), m_summary(new QLabel(this)),
      m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Add Runs to the Queue"));

    for (const DatasetVersion &v : DatasetStore(*m_workspace).list())
        addCheckItem(m_datasets,
                     tr("%1 (%2) — %3 train / %4 test")
                         .arg(v.name, v.id.left(8), QLocale().toString(v.trainCount), QLocale().toString(v.testCount)),
                     v.id, v.id == datasetId);
    bool builtin = false;
    for (const ArchitectureInfo &info : builtinArchitectures()) {
        addCheckItem(m_models, tr("%1 — %2 parameters").arg(info.name, QLocale().toString(info.parameterCount)), info.name,
                     info.name == base.architecture);
        builtin = builtin || info.name == base.architecture;
    }
    if (!builtin)
        addCheckItem(m_models, tr("%1 (spec file)").arg(QFileInfo(base.architecture).fileName()), base.architecture, true);

    const QLocale c = QLocale::c();
    m_learningRates->setText(c.toString(base.learningRate, 'g', 6));
    m_batchSizes->setText(QString::number(base.batchSize));
    m_epochs->setText(QString::number(base.epochs));
    for (QLineEdit *edit : {m_learningRates, m_batchSizes, m_epochs})
        edit->setPlaceholderText(tr("values separated by commas"));
    m_learningRates->setToolTip(tr("For example: 0.001, 0.003, 0.01"));
    m_priority->setRange(-100, 100);
    m_priority->setToolTip(tr("Higher priorities run first; equal priorities in the order they were added"));

    auto *lists = new QHBoxLayout;
    auto *dataBox = new QGroupBox(tr("Data set versions"), this);
    (new QVBoxLayout(dataBox))->addWidget(m_datasets);
    auto *modelBox = new QGroupBox(tr("Models"), this);
    (new QVBoxLayout(modelBox))->addWidget(m_models);
    lists->addWidget(dataBox, 3);
    lists->addWidget(modelBox, 2);

    auto *grid = new QGroupBox(tr("Hyper-parameters (every combination)"), this);
    auto *form = new QFormLayout(grid);
    form->addRow(tr("&Learning rates:"), m_learningRates);
    form->addRow(tr("&Batch sizes:"), m_batchSizes);
    form->addRow(tr("&Epochs:"), m_epochs);
    form->addRow(tr("&Priority:"), m_priority);
    auto *note = new QLabel(tr("Optimizer, schedule, augmentation, seed and threads come from the Train page's form."), this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    form->addRow(note);

    m_summary->setStyleSheet(QStringLiteral("font-weight: 600;"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QueueGridDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QueueGridDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(lists, 1);
    layout->addWidget(grid);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    for (QListWidget *list : {m_datasets, m_models})
        connect(list, &QListWidget::itemChanged, this, &QueueGridDialog::updateSummary);
    for (QLineEdit *edit : {m_learningRates, m_batchSizes, m_epochs})
        connect(edit, &QLineEdit::textChanged, this, &QueueGridDialog::updateSummary);
    resize(640, 520);
    updateSummary();
}

QStringList QueueGridDialog::checked(const QListWidget *list) const
{
    QStringList values;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            values << list->item(i)->data(Qt::UserRole).toString();
    return values;
}

std::optional<HyperParameterGrid> QueueGridDialog::parseGrid(QString *error) const
{
    HyperParameterGrid grid;
    QString bad;
    if (!parseValues(m_learningRates->text(), grid.learningRates, &bad)) {
        *error = tr("Learning rates: “%1” is not a number.").arg(bad);
        return std::nullopt;
    }
    if (!parseValues(m_batchSizes->text(), grid.batchSizes, &bad)) {
        *error = tr("Batch sizes: “%1” is not a whole number.").arg(bad);
        return std::nullopt;
    }
    if (!parseValues(m_epochs->text(), grid.epochs, &bad)) {
        *error = tr("Epochs: “%1” is not a whole number.").arg(bad);
        return std::nullopt;
    }
    return grid;
}

std::optional<QueueGridDialog::GridSize> QueueGridDialog::gridSize(QString *error) const
{
    const std::optional<HyperParameterGrid> grid = parseGrid(error);
    if (!grid)
        return std::nullopt;
    return GridSize{int(checked(m_datasets).size()), int(checked(m_models).size()),
                    int(expandHyperParameters(m_base, *grid).size())};
}

std::optional<int> QueueGridDialog::runCount() const
{
    QString error;
    const std::optional<GridSize> size = gridSize(&error);
    return size ? std::optional<int>(size->runs()) : std::nullopt;
}

void QueueGridDialog::updateSummary()
{
    QString error;
    const std::optional<GridSize> size = gridSize(&error);
    if (!size) {
        m_summary->setText(error);
        m_ok->setEnabled(false);
        return;
    }
    const int runs = size->runs();
    m_summary->setText(tr("data sets × models × hyper-parameter sets: %1 × %2 × %3 = %n run(s)", nullptr, runs)
                           .arg(size->datasets)
                           .arg(size->models)
                           .arg(size->settings));
    m_ok->setText(tr("Add %n Run(s)", nullptr, runs));
    m_ok->setEnabled(runs > 0);
}

void QueueGridDialog::setDatasetsChecked(const QStringList &datasetIds)
{
    for (int i = 0; i < m_datasets->count(); ++i)
        m_datasets->item(i)->setCheckState(datasetIds.contains(m_datasets->item(i)->data(Qt::UserRole).toString())
                                               ? Qt::Checked
                                               : Qt::Unchecked);
}

void QueueGridDialog::setModelsChecked(const QStringList &architectures)
{
    for (int i = 0; i < m_models->count(); ++i)
        m_models->item(i)->setCheckState(
            architectures.contains(m_models->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
}

void QueueGridDialog::setValues(const QString &learningRates, const QString &batchSizes, const QString &epochs)
{
    m_learningRates->setText(learningRates);
    m_batchSizes->setText(batchSizes);
    m_epochs->setText(epochs);
}

void QueueGridDialog::setPriority(int priority)
{
    m_priority->setValue(priority);
}

QString QueueGridDialog::errorText() const
{
    return m_error->error();
}

void QueueGridDialog::accept()
{
    QString error;
    const std::optional<HyperParameterGrid> grid = parseGrid(&error);
    try {
        if (!grid)
            throw UsageError(error);
        m_entries = queueGrid(*m_workspace, checked(m_datasets), checked(m_models), expandHyperParameters(m_base, *grid),
                              m_priority->value());
    } catch (const Error &e) {
        m_error->showError(e.message());
        return;
    }
    QDialog::accept();
}

} // namespace mlwb
