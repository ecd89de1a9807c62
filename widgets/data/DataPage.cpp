#include "data/DataPage.h"

#include "AppContext.h"
#include "Pages.h"
#include "common/Error.h"
#include "data/AugmentPanel.h"
#include "data/ClassHistogram.h"
#include "data/ImportDialog.h"
#include "data/SampleBrowser.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace mlwb {

DataPage::DataPage(AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_versions = new QStandardItemModel(0, ColumnCount, this);
    m_versions->setHorizontalHeaderLabels({tr("Name"), tr("Version"), tr("Images"), tr("Size"), tr("Format"), tr("Created")});
    m_table = new QTableView;
    m_table->setModel(m_versions);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setFont(font());
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DataPage::onSelectionChanged);

    auto *importButton = new QPushButton(tr("&Import…"));
    importButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importButton->setToolTip(tr("Import a data set from IDX, npz, PNG or CIFAR-10 files (Ctrl+I)"));
    auto *refreshButton = new QPushButton(tr("Refresh"));
    refreshButton->setShortcut(QKeySequence::Refresh);
    refreshButton->setToolTip(tr("Re-read the list of versions (F5)"));
    connect(importButton, &QPushButton::clicked, this, &DataPage::openImportDialog);
    connect(refreshButton, &QPushButton::clicked, this, &DataPage::refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("<b>Data set versions</b>")));
    buttons->addStretch();
    buttons->addWidget(refreshButton);
    buttons->addWidget(importButton);

    m_emptyHint = new QLabel(tr("No data set in this workspace yet. Import one with Import… (Ctrl+I)."));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setEnabled(false);
    m_details = new QLabel;
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *detailsBox = new QGroupBox(tr("Details"));
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->addWidget(m_details);
    detailsLayout->addStretch();

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_table, 3);
    leftLayout->addWidget(m_emptyHint);
    leftLayout->addWidget(detailsBox, 2);

    m_browser = new SampleBrowser;
    m_histogram = new ClassHistogram;
    auto *samples = new QSplitter(Qt::Vertical);
    samples->addWidget(m_browser);
    samples->addWidget(m_histogram);
    samples->setStretchFactor(0, 3);
    samples->setStretchFactor(1, 1);
    m_augment = new AugmentPanel;
    m_tabs = new QTabWidget;
    m_tabs->addTab(samples, tr("&Samples"));
    m_tabs->addTab(m_augment, tr("&Augmentation"));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(&m_loader, &QFutureWatcherBase::finished, this, &DataPage::onLoaded);
    refresh();
}

DataPage::~DataPage()
{
    m_loader.waitForFinished();
}

void DataPage::refresh()
{
    const QString keep = selectedId();
    try {
        m_list = DatasetStore(*m_context.workspace).list();
    } catch (const Error &e) {
        m_list.clear();
        QMessageBox::warning(this, tr("Data Sets"), e.message());
    }
    const QSignalBlocker blocker(m_table->selectionModel());
    m_versions->removeRows(0, m_versions->rowCount());
    const QLocale locale;
    for (const DatasetVersion &v : m_list) {
        QList<QStandardItem *> row;
        row << new QStandardItem(v.name) << new QStandardItem(v.id.left(12))
            << new QStandardItem(tr("%1 + %2").arg(locale.toString(v.trainCount), locale.toString(v.testCount)))
            << new QStandardItem(tr("%1×%2×%3").arg(v.width).arg(v.height).arg(v.channels)) << new QStandardItem(v.format)
            << new QStandardItem(locale.toString(v.created.toLocalTime(), QLocale::ShortFormat));
        for (QStandardItem *item : row) {
            item->setData(v.id, IdRole);
            item->setToolTip(v.id);
        }
        row[ImagesColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_versions->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    // Name, version and image counts always in view; the rest scrolls (and is in Details).
    if (m_versions->columnCount() > ImagesColumn)
        m_table->setMinimumWidth(m_table->horizontalHeader()->sectionPosition(ImagesColumn) +
                                 m_table->columnWidth(ImagesColumn) + 2 * m_table->frameWidth() + 4);
    m_emptyHint->setVisible(m_list.isEmpty());
    // The page opens on a version rather than on an empty browser.
    const QString show = !keep.isEmpty() ? keep : m_list.isEmpty() ? QString() : m_list.first().id;
    if (show.isEmpty() || !selectVersion(show))
        onSelectionChanged();
}

bool DataPage::selectVersion(const QString &id)
{
    for (int row = 0; row < m_versions->rowCount(); ++row)
        if (m_versions->item(row)->data(IdRole).toString() == id) {
            m_table->selectRow(row);
            m_table->scrollTo(m_versions->index(row, 0));
            onSelectionChanged(); // also when the row was selected already (signals may be blocked)
            return true;
        }
    return false;
}

QString DataPage::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(IdRole).toString();
}

void DataPage::onSelectionChanged()
{
    const QString id = selectedId();
    const auto it = std::find_if(m_list.cbegin(), m_list.cend(), [&id](const DatasetVersion &v) { return v.id == id; });
    showDetails(it == m_list.cend() ? nullptr : &*it);
    if (id == m_loadedId && m_loaded)
        return;
    if (id.isEmpty()) {
        m_loaded.reset();
        m_loadedId.clear();
        m_browser->setDataset(nullptr);
        m_histogram->setDataset(nullptr);
        m_augment->setDataset(nullptr);
        return;
    }
    startLoading(id);
}

void DataPage::showDetails(const DatasetVersion *v)
{
    if (!v) {
        m_details->setText(tr("<i>Select a version to see its details.</i>"));
        return;
    }
    const QLocale locale;
    const auto row = [](const QString &key, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(key, value);
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Name"), v->name.toHtmlEscaped());
    html += row(tr("Content id"), QStringLiteral("<tt>%1</tt>").arg(v->id));
    html += row(tr("Images"), tr("%1 train, %2 test").arg(locale.toString(v->trainCount), locale.toString(v->testCount)));
    html += row(tr("Geometry"), tr("%1 × %2 pixels, %n channel(s)", nullptr, v->channels).arg(v->width).arg(v->height));
    html += row(tr("Classes"), tr("%1: %2").arg(v->classNames.size()).arg(v->classNames.join(QStringLiteral(", ")).toHtmlEscaped()));
    html += row(tr("Validation"), tr("%1 % of train, seed %2").arg(locale.toString(v->validationFraction * 100, 'g', 3)).arg(v->splitSeed));
    html += row(tr("Format"), v->format.toHtmlEscaped());
    html += row(tr("Source"), v->source.toHtmlEscaped());
    html += row(tr("Created"), locale.toString(v->created.toLocalTime(), QLocale::LongFormat).toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_details->setText(html);
}

void DataPage::startLoading(const QString &id)
{
    m_loadingId = id;
    if (m_loader.isRunning())
        return; // onLoaded() starts the newest selection when the running load ends
    m_browser->setBusy(true, tr("Loading %1…").arg(id.left(12)));
    m_loader.setFuture(QtConcurrent::run([workspace = m_context.workspace, id] {
        Loaded loaded{id, nullptr, {}};
        try {
            loaded.data = DatasetStore(*workspace).load(id);
        } catch (const Error &e) {
            loaded.error = e.message();
        } catch (const std::exception &e) {
            loaded.error = QString::fromUtf8(e.what());
        }
        return loaded;
    }));
}

void DataPage::onLoaded()
{
    const Loaded loaded = m_loader.result();
    if (loaded.id != m_loadingId) { // the selection moved on while this one loaded
        const QString next = m_loadingId;
        startLoading(next);
        return;
    }
    m_browser->setBusy(false);
    if (!loaded.error.isEmpty()) {
        m_browser->setDataset(nullptr);
        Q_EMIT loadFailed(loaded.id, loaded.error);
        if (isVisible())
            QMessageBox::warning(this, tr("Data Set"), loaded.error);
        return;
    }
    m_loaded = loaded.data;
    m_loadedId = loaded.id;
    m_browser->setDataset(m_loaded);
    m_histogram->setDataset(m_loaded);
    m_augment->setDataset(m_loaded);
    Q_EMIT datasetLoaded(m_loadedId);
}

void DataPage::openImportDialog()
{
    ImportDialog dialog(m_context, this);
    connect(&dialog, &ImportDialog::imported, this, &DataPage::showImported);
    dialog.exec();
}

void DataPage::showImported(const DatasetVersion &version)
{
    refresh();
    selectVersion(version.id);
}

QWidget *createDataPage(AppContext &context, QWidget *parent)
{
    return new DataPage(context, parent);
}

} // namespace mlwb
