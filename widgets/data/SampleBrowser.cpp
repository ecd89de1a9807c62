#include "data/SampleBrowser.h"

#include "data/SampleDelegate.h"
#include "data/SampleImage.h"
#include "data/SampleModel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace mlwb {

namespace {
constexpr int kThumbnailScale = 2;
constexpr int kLargeScale = 10;
}

SampleBrowser::SampleBrowser(QWidget *parent) : QWidget(parent), m_model(new SampleModel(this))
{
    m_classFilter = new QComboBox;
    m_splitFilter = new QComboBox;
    m_splitFilter->addItem(tr("Train and test"), int(SampleModel::Split::All));
    m_splitFilter->addItem(tr("Train"), int(SampleModel::Split::Train));
    m_splitFilter->addItem(tr("Test"), int(SampleModel::Split::Test));
    m_count = new QLabel;
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Class:")));
    filters->addWidget(m_classFilter);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Split:")));
    filters->addWidget(m_splitFilter);
    filters->addStretch();
    filters->addWidget(m_count);

    m_view = new QListView;
    m_view->setViewMode(QListView::IconMode);
    m_view->setMovement(QListView::Static);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setUniformItemSizes(true); // lays out 60,000 items without asking each for its size
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(2000);
    m_view->setSpacing(2);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setMouseTracking(true);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SampleDelegate(*m_model, kThumbnailScale, m_view));
    connect(m_view, &QListView::activated, this, &SampleBrowser::openLarge);

    m_busyLabel = new QLabel;
    auto *busyBar = new QProgressBar;
    busyBar->setRange(0, 0); // indeterminate
    busyBar->setMaximumWidth(240);
    auto *busy = new QWidget;
    auto *busyLayout = new QVBoxLayout(busy);
    busyLayout->addStretch();
    busyLayout->addWidget(m_busyLabel, 0, Qt::AlignHCenter);
    busyLayout->addWidget(busyBar, 0, Qt::AlignHCenter);
    busyLayout->addStretch();

    m_emptyLabel = new QLabel(tr("Select a data set version to browse its images,\nor import one with Import… (Ctrl+I)."));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setEnabled(false);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_view);
    m_stack->addWidget(busy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);

    connect(m_classFilter, &QComboBox::currentIndexChanged, this, &SampleBrowser::applyFilter);
    connect(m_splitFilter, &QComboBox::currentIndexChanged, this, &SampleBrowser::applyFilter);
    setDataset(nullptr);
}

void SampleBrowser::setDataset(DatasetPtr data)
{
    {
        const QSignalBlocker blocker(m_classFilter);
        m_classFilter->clear();
        m_classFilter->addItem(tr("All classes"));
        if (data)
            for (const QString &name : data->classNames)
                m_classFilter->addItem(name);
    }
    m_model->setDataset(std::move(data));
    applyFilter();
    m_stack->setCurrentWidget(m_model->dataset() ? static_cast<QWidget *>(m_view) : m_emptyLabel);
}

void SampleBrowser::setBusy(bool busy, const QString &message)
{
    m_busyLabel->setText(message);
    if (busy)
        m_stack->setCurrentIndex(2);
    else
        m_stack->setCurrentWidget(m_model->dataset() ? static_cast<QWidget *>(m_view) : m_emptyLabel);
    m_classFilter->setEnabled(!busy);
    m_splitFilter->setEnabled(!busy);
}

void SampleBrowser::applyFilter()
{
    const int classRow = m_classFilter->currentIndex();
    const std::optional<int> label = classRow > 0 ? std::optional<int>(classRow - 1) : std::nullopt;
    m_model->setFilter(label, SampleModel::Split(m_splitFilter->currentData().toInt()));
    const DatasetPtr &data = m_model->dataset();
    m_count->setText(data ? tr("%L1 of %L2 images").arg(m_model->rowCount()).arg(data->size()) : QString());
}

void SampleBrowser::openLarge(const QModelIndex &index)
{
    const DatasetPtr data = m_model->dataset();
    if (!data || !index.isValid())
        return;
    const qint64 sample = m_model->sampleIndex(index.row());
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Image %1").arg(sample));
    auto *image = new QLabel;
    const QImage small = sampleImage(*data, sample);
    image->setPixmap(QPixmap::fromImage(small.scaled(small.size() * kLargeScale, Qt::IgnoreAspectRatio, Qt::FastTransformation)));
    image->setAlignment(Qt::AlignCenter);
    auto *caption = new QLabel(tr("<b>%1</b> &nbsp; image #%2 &nbsp; (%3)")
                                   .arg(index.data().toString().toHtmlEscaped())
                                   .arg(sample)
                                   .arg(data->subset(sample) == Subset::Train ? tr("train") : tr("test")));
    caption->setAlignment(Qt::AlignCenter);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(image);
    layout->addWidget(caption);
    layout->addWidget(buttons);
    dialog.exec();
}

} // namespace mlwb
