#include "training/InterruptedRunsBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <algorithm>

namespace mlwb {

namespace {
constexpr int kMaxButtons = 3; // more would crowd the bar; the rest stay in the run list
}

InterruptedRunsBar::InterruptedRunsBar(QWidget *parent)
    : QFrame(parent), m_text(new QLabel(this)), m_buttons(new QHBoxLayout)
{
    setObjectName(QStringLiteral("interruptedRunsBar"));
    setStyleSheet(QStringLiteral("#interruptedRunsBar { background: #fff4ce; border: 1px solid #e0c46c; border-radius: 4px; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 4, 4);
    m_text->setWordWrap(true);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttons);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    layout->addWidget(close);
    setVisible(false);
}

void InterruptedRunsBar::setRuns(const QList<qint64> &runIds)
{
    m_runs = runIds;
    rebuild();
}

void InterruptedRunsBar::removeRun(qint64 runId)
{
    m_runs.removeAll(runId);
    rebuild();
}

void InterruptedRunsBar::rebuild()
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    setVisible(!m_runs.isEmpty());
    if (m_runs.isEmpty())
        return;
    m_text->setText(tr("%n training run(s) stopped without finishing (the process was killed or crashed). "
                       "They can continue from their last checkpoint.", nullptr, int(m_runs.size())));
    for (int i = 0; i < std::min<int>(kMaxButtons, int(m_runs.size())); ++i) {
        const qint64 id = m_runs[i];
        auto *button = new QPushButton(tr("Resume run %1").arg(id), this);
        connect(button, &QPushButton::clicked, this, [this, id] { Q_EMIT resumeRequested(id); });
        m_buttons->addWidget(button);
    }
}

} // namespace mlwb
