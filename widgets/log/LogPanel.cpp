#include "log/LogPanel.h"

#include "common/Log.h"
#include "log/LogModel.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace mlwb {

LogPanel::LogPanel(QWidget *parent)
    : QWidget(parent), m_model(new LogModel(kCapacity, this)), m_filter(new LogFilter(this)),
      m_view(new QListView(this)), m_level(new QComboBox(this)), m_search(new QLineEdit(this))
{
    setObjectName(QStringLiteral("logPanel"));
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    m_level->addItem(tr("Debug and above"), int(LogLevel::Debug));
    m_level->addItem(tr("Info and above"), int(LogLevel::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogLevel::Warn));
    m_level->addItem(tr("Errors only"), int(LogLevel::Error));
    m_level->setCurrentIndex(1);
    m_level->setToolTip(tr("Which lines to show"));
    m_filter->setMinimumLevel(int(LogLevel::Info));
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumLevel(m_level->currentData().toInt()); });

    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &LogFilter::setSearchText);

    auto *clear = new QToolButton(this);
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Remove the lines shown so far"));
    connect(clear, &QToolButton::clicked, m_model, &LogModel::clear);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    // Called on whichever thread logged: hop to the panel's thread. Queued calls to a
    // deleted receiver are dropped by Qt, and the destructor removes the listener.
    m_listenerId = addLogListener([this](int level, const QString &text) {
        QMetaObject::invokeMethod(this, [this, level, text] { appendLine(level, text); }, Qt::QueuedConnection);
    });
}

LogPanel::~LogPanel()
{
    removeLogListener(m_listenerId); // after it returns, the listener is never called again
}

void LogPanel::appendLine(int level, const QString &text)
{
    QScrollBar *scroll = m_view->verticalScrollBar();
    const bool atBottom = scroll->value() >= scroll->maximum() - 2;
    m_model->append(level, text);
    if (atBottom)
        m_view->scrollToBottom(); // follow the tail unless the user scrolled up to read
}

int LogPanel::visibleLineCount() const
{
    return m_filter->rowCount();
}

QString LogPanel::visibleLine(int row) const
{
    return m_filter->index(row, 0).data().toString();
}

void LogPanel::setMinimumLevel(int level)
{
    const int index = m_level->findData(level);
    if (index >= 0)
        m_level->setCurrentIndex(index);
    else
        m_filter->setMinimumLevel(level);
}

void LogPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
}

} // namespace mlwb
