#include "labeling/LabeledList.h"

#include "common/Error.h"
#include "data/SampleImage.h"
#include "production/SampleStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>

namespace mlwb {

namespace {

enum Column { Image, Id, Source, Predicted, Label, By, When, ColumnCount };
constexpr int kAnyLabel = -1, kNotADigit = -2, kNoLabel = -3;

// The newest labeled samples that pass the filters: labels and "not a digit" merged by id.
QList<ProductionSample> readLabeled(const Workspace &workspace, std::optional<SampleSource> source, int label)
{
    const SampleStore store(workspace);
    SampleFilter filter;
    filter.source = source;
    filter.limit = LabeledList::kShown;
    QList<ProductionSample> samples;
    if (label != kNotADigit) {
        filter.labelState = SampleFilter::LabelState::Labeled;
        if (label < 0) {
            samples = store.list(filter);
        } else {
            // The store filters by prediction, not by label: look through the newest pages.
            filter.limit = 2000;
            for (int page = 0; page < 10 && samples.size() < LabeledList::kShown; ++page) {
                filter.offset = qint64(page) * filter.limit;
                const QList<ProductionSample> batch = store.list(filter);
                for (const ProductionSample &s : batch)
                    if (s.label == label && samples.size() < LabeledList::kShown)
                        samples << s;
                if (batch.size() < filter.limit)
                    break;
            }
        }
    }
    if (label == kAnyLabel || label == kNotADigit) {
        filter.labelState = SampleFilter::LabelState::Discarded;
        filter.offset = 0;
        filter.limit = LabeledList::kShown;
        samples += store.list(filter);
    }
    std::sort(samples.begin(), samples.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    if (samples.size() > LabeledList::kShown)
        samples.erase(samples.begin() + LabeledList::kShown, samples.end());
    return samples;
}

} // namespace

LabeledList::LabeledList(WorkspacePtr workspace, LabelDecisions &decisions, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)), m_decisions(decisions), m_source(new QComboBox(this)),
      m_label(new QComboBox(this)), m_changeTo(new QComboBox(this)), m_count(new QLabel(this)),
      m_table(new QTableView(this)), m_model(new QStandardItemModel(0, ColumnCount, this)), m_history(new QLabel(this))
{
    setObjectName(QStringLiteral("labeledList"));
    m_source->addItem(tr("any source"));
    for (const SampleSource s : {SampleSource::Canvas, SampleSource::Folder, SampleSource::Api, SampleSource::File})
        m_source->addItem(sampleSourceName(s), int(s));
    m_source->setToolTip(tr("Only the samples that came from here"));
    m_label->setToolTip(tr("Only the samples with this label"));
    m_changeTo->setToolTip(tr("Give the selected samples another label (a digit key does the same; X: not a digit; "
                              "Delete: take the label back; Ctrl+Z undoes)"));
    connect(m_source, &QComboBox::currentIndexChanged, this, &LabeledList::reload);
    connect(m_label, &QComboBox::currentIndexChanged, this, &LabeledList::reload);
    connect(m_changeTo, &QComboBox::activated, this, [this] {
        const int value = m_changeTo->currentData().toInt();
        if (value == kNotADigit)
            relabelSelected(LabelValue::discard());
        else if (value == kNoLabel)
            relabelSelected(LabelValue::none());
        else if (value >= 0)
            relabelSelected(LabelValue::of(value));
        const QSignalBlocker block(m_changeTo);
        m_changeTo->setCurrentIndex(0);
    });

    m_model->setHorizontalHeaderLabels({QString(), tr("Sample"), tr("Source"), tr("Predicted"), tr("Label"), tr("By"), tr("When")});
    m_table->setObjectName(QStringLiteral("labeledTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(32);
    m_table->setIconSize(QSize(28, 28));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->installEventFilter(this);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LabeledList::showHistory);

    m_history->setObjectName(QStringLiteral("labelHistory"));
    m_history->setWordWrap(true);
    m_history->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_history->setMinimumHeight(3 * fontMetrics().height());
    m_count->setEnabled(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_source);
    filters->addWidget(m_label);
    filters->addStretch();
    filters->addWidget(m_count);
    filters->addWidget(new QLabel(tr("Change to:"), this));
    filters->addWidget(m_changeTo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_history);

    connect(&m_loader, &QFutureWatcherBase::finished, this, &LabeledList::onLoaded);
    // The changes land later, on the store thread: then the history shows them; a refused one
    // (the page says why) is read again.
    connect(&m_decisions, &LabelDecisions::saved, this, [this] {
        if (m_reloadAfterSaving)
            reload();
        else
            showHistory();
    });
    connect(&m_decisions, &LabelDecisions::failed, this, &LabeledList::reload);
    setClassNames({});
}

LabeledList::~LabeledList()
{
    m_loader.waitForFinished();
}

QString LabeledList::className(int c) const
{
    return m_classNames.value(c, QString::number(c));
}

void LabeledList::setClassNames(const QStringList &names)
{
    m_classNames = names;
    const int shown = m_label->currentData().isValid() ? m_label->currentData().toInt() : kAnyLabel;
    {
        const QSignalBlocker block(m_label);
        m_label->clear();
        m_label->addItem(tr("any label"), kAnyLabel);
        for (int c = 0; c < names.size(); ++c)
            m_label->addItem(tr("labeled %1").arg(names[c]), c);
        m_label->addItem(tr("not a digit"), kNotADigit);
        m_label->setCurrentIndex(std::max(0, m_label->findData(shown)));
    }
    const QSignalBlocker block(m_changeTo);
    m_changeTo->clear();
    m_changeTo->addItem(tr("—"), kAnyLabel);
    for (int c = 0; c < names.size(); ++c)
        m_changeTo->addItem(c < 10 ? tr("%1 (key %2)").arg(names[c]).arg(c) : names[c], c);
    m_changeTo->addItem(tr("not a digit (X)"), kNotADigit);
    m_changeTo->addItem(tr("no label (Delete)"), kNoLabel);
}

void LabeledList::reload()
{
    if (m_loader.isRunning()) {
        m_reloadAgain = true;
        return;
    }
    m_reloadAgain = false;
    if (m_decisions.pending() > 0) { // read what the changes given so far made, not what was before
        m_reloadAfterSaving = true;
        m_count->setText(tr("saving…"));
        return;
    }
    m_reloadAfterSaving = false;
    const std::optional<SampleSource> source =
        m_source->currentIndex() > 0 ? std::optional<SampleSource>(SampleSource(m_source->currentData().toInt())) : std::nullopt;
    const int label = m_label->currentData().isValid() ? m_label->currentData().toInt() : kAnyLabel;
    m_count->setText(tr("reading…"));
    m_loader.setFuture(QtConcurrent::run([workspace = m_workspace, source, label] {
        Loaded loaded;
        try {
            loaded.samples = readLabeled(*workspace, source, label);
        } catch (const Error &e) {
            loaded.error = e.message();
        }
        return loaded;
    }));
}

void LabeledList::onLoaded()
{
    if (m_reloadAgain || m_decisions.pending() > 0) { // the filters changed, or a label was given, while it read
        reload();
        return;
    }
    const Loaded result = m_loader.result();
    const QList<qint64> selected = selectedSampleIds();
    m_samples = result.samples;
    m_model->setRowCount(0);
    m_model->setRowCount(int(m_samples.size()));
    for (int row = 0; row < m_samples.size(); ++row)
        fillRow(row, m_samples[row]);
    m_table->resizeColumnsToContents();
    if (!result.error.isEmpty())
        m_count->setText(result.error);
    else
        m_count->setText(m_samples.size() >= kShown ? tr("the newest %1").arg(kShown)
                                                    : tr("%1 shown").arg(m_samples.size()));
    if (!selected.isEmpty())
        selectSample(selected.first());
    showHistory();
    Q_EMIT loaded();
}

void LabeledList::fillRow(int row, const ProductionSample &s)
{
    const QLocale locale;
    auto set = [&](int column, const QString &text) {
        auto *item = new QStandardItem(text);
        item->setEditable(false);
        m_model->setItem(row, column, item);
        return item;
    };
    QStandardItem *image = set(Image, QString());
    if (!s.input.empty())
        image->setIcon(QPixmap::fromImage(planarToImage(s.input.data(), s.channels, s.height, s.width)));
    set(Id, QString::number(s.id))->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    set(Source, sampleSourceName(s.source));
    const float p = size_t(std::max(s.predicted, 0)) < s.probabilities.size() ? s.probabilities[size_t(s.predicted)] : 0.0f;
    set(Predicted, tr("%1 (%2 %)").arg(className(s.predicted), locale.toString(100.0 * p, 'f', 0)));
    QStandardItem *label = set(Label, s.discarded ? tr("not a digit") : s.label ? className(*s.label) : tr("—"));
    if (s.label && *s.label != s.predicted) {
        label->setForeground(QColor(200, 40, 40)); // the model got it wrong
        label->setToolTip(tr("The model guessed otherwise"));
    }
    set(By, s.labeledBy);
    set(When, s.labeledAt.isValid() ? locale.toString(s.labeledAt.toLocalTime(), QLocale::ShortFormat) : QString());
}

int LabeledList::rowCount() const
{
    return m_model->rowCount();
}

QList<qint64> LabeledList::selectedSampleIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        if (index.row() < m_samples.size())
            ids << m_samples[index.row()].id;
    return ids;
}

void LabeledList::selectSample(qint64 id)
{
    for (int row = 0; row < m_samples.size(); ++row)
        if (m_samples[row].id == id) {
            m_table->selectRow(row);
            return;
        }
}

bool LabeledList::relabelSelected(const LabelValue &value)
{
    const QList<qint64> ids = selectedSampleIds();
    if (ids.isEmpty()) {
        m_history->setText(tr("Select a sample first."));
        return false;
    }
    QList<LabelTarget> targets;
    for (qint64 id : ids)
        targets << LabelTarget::sample(id);
    try {
        const LabelDecision decision = m_decisions.apply(targets, value, kDecisionTag);
        showChanged(decision, false);
        Q_EMIT relabeled(decision);
    } catch (const Error &e) {
        m_history->setText(e.message());
        return false;
    }
    return true;
}

void LabeledList::showChanged(const LabelDecision &decision, bool undone)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const LabelChange &change : decision.changes) {
        if (change.target.isCorrection())
            continue;
        for (int row = 0; row < m_samples.size(); ++row) {
            ProductionSample &s = m_samples[row];
            if (s.id != change.target.id)
                continue;
            const LabelValue &value = undone ? change.before : change.after;
            s.label = value.label;
            s.discarded = value.discarded;
            s.labeledBy = value.isSet() ? m_decisions.who() : QString();
            s.labeledAt = value.isSet() ? now : QDateTime();
            fillRow(row, s);
        }
    }
    showHistory();
}

QString LabeledList::historyText() const
{
    return m_history->text();
}

void LabeledList::showHistory()
{
    const QList<qint64> ids = selectedSampleIds();
    if (ids.size() != 1) {
        m_history->setText(ids.isEmpty() ? tr("Select a sample to see who labeled it and when; a digit key changes its label.")
                                         : tr("%1 samples selected: a digit key gives them all that label.").arg(ids.size()));
        return;
    }
    // One sample's history: a few rows, read here.
    QStringList lines;
    const QLocale locale;
    try {
        for (const QJsonObject &e : SampleStore(*m_workspace).labelHistory(ids.first())) {
            const QJsonValue label = e.value(QStringLiteral("label"));
            const QString what = e.value(QStringLiteral("discarded")).toBool() ? tr("not a digit")
                                 : label.isNull()                             ? tr("label taken back")
                                                                              : className(label.toInt());
            const QDateTime at = QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
            lines << tr("%1 — %2 by %3").arg(at.isValid() ? locale.toString(at.toLocalTime(), QLocale::ShortFormat)
                                                        : e.value(QStringLiteral("at")).toString(),
                                             what, e.value(QStringLiteral("by")).toString());
        }
    } catch (const Error &e) {
        lines << e.message();
    }
    m_history->setText(tr("Sample %1: ").arg(ids.first()) + (lines.isEmpty() ? tr("no label history") : lines.join(QStringLiteral(" · "))));
}

bool LabeledList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
        if (modifiers == Qt::NoModifier) {
            const int k = key->key();
            if (k >= Qt::Key_0 && k <= Qt::Key_9 && k - Qt::Key_0 < m_classNames.size()) {
                relabelSelected(LabelValue::of(k - Qt::Key_0));
                return true;
            }
            if (k == Qt::Key_X) {
                relabelSelected(LabelValue::discard());
                return true;
            }
            if (k == Qt::Key_Delete || k == Qt::Key_Backspace) {
                relabelSelected(LabelValue::none());
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace mlwb
