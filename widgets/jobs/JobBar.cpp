#include "jobs/JobBar.h"

#include "jobs/JobManager.h"

#include <QHBoxLayout>
#include <algorithm>
#include <QLabel>
#include <QProgressBar>
#include <QRegularExpression>
#include <QStyle>
#include <QToolButton>

namespace mlwb {

namespace {
// A rate is only trusted after this much time in a phase: the first steps include warm-up.
constexpr qint64 kMinMillisForEta = 1500;
} // namespace

JobBar::JobBar(JobManager &jobs, QWidget *parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("jobBar"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    for (Job *job : jobs.running())
        addJob(job);
    connect(&jobs, &JobManager::jobStarted, this, &JobBar::addJob);
    connect(&jobs, &JobManager::jobFinished, this, &JobBar::removeJob);
    setVisible(!m_rows.empty());
}

void JobBar::addJob(Job *job)
{
    if (m_rows.count(job))
        return;
    Row row;
    row.widget = new QWidget(this);
    auto *layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(4, 0, 4, 0);
    row.title = new QLabel(job->title(), row.widget);
    row.bar = new QProgressBar(row.widget);
    row.bar->setRange(0, 0); // busy until the first progress says how much there is
    row.bar->setFixedWidth(160);
    row.bar->setMaximumHeight(16);
    row.bar->setTextVisible(false);
    row.detail = new QLabel(tr("starting…"), row.widget);
    row.detail->setMinimumWidth(200);
    row.cancel = new QToolButton(row.widget);
    row.cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    row.cancel->setAutoRaise(true);
    row.cancel->setToolTip(tr("Cancel %1").arg(job->title()));
    layout->addWidget(row.title);
    layout->addWidget(row.bar);
    layout->addWidget(row.detail);
    layout->addWidget(row.cancel);

    connect(row.cancel, &QToolButton::clicked, this, [this, job] {
        job->cancel();
        const auto it = m_rows.find(job);
        if (it == m_rows.end())
            return;
        it->second.cancel->setEnabled(false);
        it->second.detail->setText(tr("cancelling…"));
    });
    connect(job, &Job::progress, this, [this, job](qint64 done, qint64 total, const QString &what) {
        showProgress(job, done, total, what);
    });
    m_layout->addWidget(row.widget);
    m_rows.emplace(job, std::move(row));
    show();
}

void JobBar::removeJob(Job *job)
{
    const auto it = m_rows.find(job);
    if (it == m_rows.end())
        return;
    it->second.widget->deleteLater();
    m_rows.erase(it);
    disconnect(job, nullptr, this, nullptr);
    setVisible(!m_rows.empty());
}

void JobBar::showProgress(Job *job, qint64 done, qint64 total, const QString &what)
{
    const auto it = m_rows.find(job);
    if (it == m_rows.end())
        return;
    Row &row = it->second;
    if (job->isCancelled())
        return; // keep saying "cancelling…"
    if (total <= 0) {
        row.bar->setRange(0, 0);
        row.detail->setText(what);
        row.firstDone = -1;
        return;
    }
    // A new total starts a new phase (loading, epochs, evaluation): its own rate.
    if (total != row.phaseTotal || done < row.firstDone || row.firstDone < 0) {
        row.phaseTotal = total;
        row.firstDone = done;
        row.clock.start();
    }
    // Progress bars hold int: scale to per mille.
    row.bar->setRange(0, 1000);
    row.bar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));

    QStringList parts{what};
    const qint64 elapsed = row.clock.elapsed();
    const qint64 progressed = done - row.firstDone;
    if (elapsed >= kMinMillisForEta && progressed > 0 && done < total) {
        const double perMilli = double(progressed) / double(elapsed);
        parts << tr("%1 left").arg(formatDuration(qint64(double(total - done) / perMilli / 1000.0 + 0.5)));
    }
    const QString throughput = throughputOf(what);
    if (!throughput.isEmpty() && !what.endsWith(throughput))
        parts << throughput;
    row.detail->setText(parts.join(QStringLiteral(" · ")));
    row.bar->setToolTip(tr("%1 of %2").arg(done).arg(total));
}

QString JobBar::formatDuration(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString JobBar::throughputOf(const QString &progressText)
{
    // "1234 images/s", "56.7 samples/s", "12 it/s"
    static const QRegularExpression pattern(QStringLiteral(R"((\d+(?:[.,]\d+)?\s*[A-Za-z]+/s)\b)"));
    const QRegularExpressionMatch match = pattern.match(progressText);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace mlwb
