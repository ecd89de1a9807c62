#include "sensor/CapturePanel.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/SampleImage.h"
#include "jobs/StoreThread.h"
#include "production/SampleStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace mlwb {

namespace {

enum Column { Image, Id, Source, Prediction, Label, ColumnCount };
constexpr int kIdRole = Qt::UserRole; // Id: the sample's id; Label: its label; Prediction: the class
constexpr int kNoLabel = -1, kNotADigit = -2; // the True class box's extra items

} // namespace

CapturePanel::CapturePanel(WorkspacePtr workspace, QWidget *parent) : CapturePanel(std::move(workspace), nullptr, parent) {}

CapturePanel::CapturePanel(WorkspacePtr workspace, StoreThread *store, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)), m_store(store), m_list(new QTreeWidget(this)),
      m_trueClass(new QComboBox(this)), m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("capturePanel"));
    m_list->setObjectName(QStringLiteral("captureList"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({QString(), tr("Sample"), tr("Source"), tr("Prediction"), tr("Label")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setIconSize(QSize(28, 28));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(70);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setFocusPolicy(Qt::NoFocus); // the digit keys stay with the page
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &CapturePanel::selectionChanged);

    m_trueClass->setObjectName(QStringLiteral("trueClassBox"));
    m_trueClass->setToolTip(tr("The true class of the selected capture (a digit key 0–9 sets it too)"));
    m_trueClass->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_trueClass, &QComboBox::activated, this, [this] {
        const int value = m_trueClass->currentData().toInt();
        if (value == kNotADigit)
            labelSelected(std::nullopt, true);
        else
            labelSelected(value == kNoLabel ? std::nullopt : std::optional<int>(value));
    });
    // One line that may be cut: it must neither widen nor (wrapped) heighten the page.
    m_hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_hint->setEnabled(false);

    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&True class:"), this);
    label->setBuddy(m_trueClass);
    row->addWidget(label);
    row->addWidget(m_trueClass);
    row->addWidget(m_hint, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    setClassNames({});
}

QString CapturePanel::userName()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("me") : user;
}

QString CapturePanel::className(int index) const
{
    return m_classNames.value(index, QString::number(index));
}

void CapturePanel::setClassNames(const QStringList &names)
{
    m_classNames = names;
    {
        const QSignalBlocker block(m_trueClass);
        m_trueClass->clear();
        m_trueClass->addItem(tr("— not labelled"), kNoLabel);
        for (int c = 0; c < names.size(); ++c)
            m_trueClass->addItem(c < 10 ? tr("%1 (key %2)").arg(names[c]).arg(c) : names[c], c);
        m_trueClass->addItem(tr("not a digit"), kNotADigit);
    }
    selectionChanged();
}

void CapturePanel::loadRecent()
{
    m_list->clear();
    try {
        const SampleStore store(*m_workspace);
        QList<ProductionSample> samples;
        for (const SampleSource source : {SampleSource::Canvas, SampleSource::File}) {
            SampleFilter filter;
            filter.source = source;
            filter.limit = kShown;
            samples += store.list(filter);
        }
        std::sort(samples.begin(), samples.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
        if (samples.size() > kShown)
            samples.erase(samples.begin(), samples.end() - kShown);
        for (const ProductionSample &s : samples)
            addCapture(s);
    } catch (const Error &e) {
        spdlog::error("cannot list the captured samples: {}", e.message().toStdString());
    }
    m_list->clearSelection();
}

void CapturePanel::addCapture(const ProductionSample &sample)
{
    auto *item = new QTreeWidgetItem;
    item->setData(Id, kIdRole, sample.id);
    showRow(item, sample);
    m_list->insertTopLevelItem(0, item);
    while (m_list->topLevelItemCount() > kShown)
        delete m_list->takeTopLevelItem(m_list->topLevelItemCount() - 1);
    m_list->setCurrentItem(item);
    item->setSelected(true);
}

void CapturePanel::showRow(QTreeWidgetItem *item, const ProductionSample &sample)
{
    if (!sample.input.empty())
        item->setIcon(Image, QPixmap::fromImage(planarToImage(sample.input.data(), sample.channels, sample.height, sample.width)));
    item->setText(Id, QString::number(sample.id));
    item->setText(Source, sample.source == SampleSource::File && !sample.originalName.isEmpty()
                              ? sample.originalName.section(u'/', -1)
                              : sampleSourceName(sample.source));
    const float p = size_t(std::max(sample.predicted, 0)) < sample.probabilities.size()
                        ? sample.probabilities[size_t(sample.predicted)]
                        : 0.0f;
    item->setText(Prediction, tr("%1 (%2 %)").arg(className(sample.predicted), QLocale().toString(100.0 * p, 'f', 0)));
    item->setData(Prediction, kIdRole, sample.predicted);
    showLabel(item, sample.label, sample.discarded);
    item->setToolTip(Image, sample.created.isValid() ? QLocale().toString(sample.created.toLocalTime(), QLocale::ShortFormat)
                                                     : QString());
}

void CapturePanel::showLabel(QTreeWidgetItem *item, std::optional<int> label, bool discarded)
{
    item->setText(Label, discarded ? tr("not a digit") : label ? className(*label) : QString());
    item->setData(Label, kIdRole, discarded ? kNotADigit : label.value_or(kNoLabel));
    const bool wrong = label && *label != item->data(Prediction, kIdRole).toInt() && !discarded;
    item->setForeground(Label, wrong ? QBrush(QColor(200, 40, 40)) : QBrush());
}

QTreeWidgetItem *CapturePanel::itemOf(qint64 sampleId) const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->data(Id, kIdRole).toLongLong() == sampleId)
            return m_list->topLevelItem(i);
    return nullptr;
}

void CapturePanel::showStored(qint64 sampleId)
{
    QTreeWidgetItem *item = itemOf(sampleId);
    if (!item)
        return;
    try {
        if (const std::optional<ProductionSample> stored = SampleStore(*m_workspace).sample(sampleId))
            showRow(item, *stored);
    } catch (const Error &e) {
        spdlog::warn("cannot read sample {} again: {}", sampleId, e.message().toStdString());
    }
}

QString CapturePanel::hintText() const
{
    return m_hint->text();
}

qint64 CapturePanel::selectedSampleId() const
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? 0 : selected.first()->data(Id, kIdRole).toLongLong();
}

int CapturePanel::count() const
{
    return m_list->topLevelItemCount();
}

void CapturePanel::selectionChanged()
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    m_trueClass->setEnabled(!selected.isEmpty());
    if (selected.isEmpty()) {
        m_hint->setText(count() == 0 ? tr("Enter captures the drawing.")
                                     : tr("Select a capture to label it."));
        return;
    }
    const QSignalBlocker block(m_trueClass);
    m_trueClass->setCurrentIndex(std::max(0, m_trueClass->findData(selected.first()->data(Label, kIdRole))));
    m_hint->setText(m_pending > 0 ? tr("saving…") : tr("A digit key labels sample %1.").arg(selected.first()->text(Id)));
}

bool CapturePanel::labelSelected(std::optional<int> label, bool discard)
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty()) {
        m_hint->setText(tr("Capture (Enter) or select a sample first."));
        return false;
    }
    QTreeWidgetItem *item = selected.first();
    const qint64 id = item->data(Id, kIdRole).toLongLong();
    if (m_store) {
        // Shown at once; written on the store thread, where another process's lock may hold it.
        showLabel(item, discard ? std::nullopt : label, discard);
        ++m_pending;
        selectionChanged();
        m_store->run(
            this,
            [workspace = m_workspace, id, label, discard, who = userName()] {
                SampleStore(*workspace).setLabel(id, label, discard, who);
            },
            [this, id] {
                --m_pending;
                showStored(id);
                selectionChanged();
                Q_EMIT labelled(id);
            },
            [this, id](const QString &message) {
                --m_pending;
                showStored(id); // what the store has, not what was asked
                selectionChanged();
                m_hint->setText(tr("Not saved: %1").arg(message));
                Q_EMIT labelFailed(id, message);
            });
        return true;
    }
    try {
        const SampleStore store(*m_workspace);
        store.setLabel(id, label, discard, userName());
        if (const std::optional<ProductionSample> stored = store.sample(id))
            showRow(item, *stored);
    } catch (const Error &e) {
        selectionChanged();
        m_hint->setText(e.message());
        return false;
    }
    selectionChanged();
    Q_EMIT labelled(id);
    return true;
}

} // namespace mlwb
