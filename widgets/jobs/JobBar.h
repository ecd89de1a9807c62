#pragma once
#include <QElapsedTimer>
#include <QWidget>
#include <map>

class QLabel;
class QProgressBar;
class QToolButton;
class QVBoxLayout;

namespace mlwb {

class Job;
class JobManager;

// The status bar's job area: one row per running job of a JobManager (title, progress bar,
// time left, throughput when the job's progress text states it, a cancel button). Hidden
// while no job runs.
class JobBar : public QWidget {
    Q_OBJECT
public:
    explicit JobBar(JobManager &jobs, QWidget *parent = nullptr);

    int rowCount() const { return int(m_rows.size()); }

    // "12 s", "3 min 05 s", "1 h 02 min": how long until `total` at the rate seen so far.
    static QString formatDuration(qint64 seconds);
    // The "… 1234 images/s" part of a progress text, or empty.
    static QString throughputOf(const QString &progressText);

private:
    struct Row {
        QWidget *widget = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *detail = nullptr;
        QToolButton *cancel = nullptr;
        QElapsedTimer clock;   // since the first progress of the current phase
        qint64 firstDone = -1;
        qint64 phaseTotal = -1;
    };

    void addJob(Job *job);
    void removeJob(Job *job);
    void showProgress(Job *job, qint64 done, qint64 total, const QString &what);

    QVBoxLayout *m_layout;
    std::map<Job *, Row> m_rows;
};

} // namespace mlwb
