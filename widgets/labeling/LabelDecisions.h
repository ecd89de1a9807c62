#pragma once
#include "store/Workspace.h"

#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace mlwb {

class StoreThread;

// What an image is labeled as now: nothing, a class, or "not a digit" (discarded). For an
// image of a data set version, label is its correction (nullopt: the recorded label stands).
struct LabelValue {
    std::optional<int> label;
    bool discarded = false;

    bool isSet() const { return label.has_value() || discarded; }
    static LabelValue none() { return {}; }
    static LabelValue of(int label) { return {label, false}; }
    static LabelValue discard() { return {std::nullopt, true}; }
    friend bool operator==(const LabelValue &, const LabelValue &) = default;
};

// What a decision is about: a production sample, or an image of a data set version (a
// suspected label error, relabeled through LabelCorrectionStore).
struct LabelTarget {
    qint64 id = 0;     // the production sample's id, or the image's index in datasetId
    QString datasetId; // empty: a production sample

    bool isCorrection() const { return !datasetId.isEmpty(); }
    static LabelTarget sample(qint64 id) { return {id, {}}; }
    static LabelTarget image(const QString &datasetId, qint64 index) { return {index, datasetId}; }
    friend bool operator==(const LabelTarget &, const LabelTarget &) = default;
};

struct LabelChange {
    LabelTarget target;
    LabelValue before, after; // equal for a skip
};

// One key press of the Label page: one image (a digit, Space, X, S) or every selected image of
// the grid. Undone as a whole.
struct LabelDecision {
    QList<LabelChange> changes;
    int tag = 0; // the caller's, given back by undo (the page: which view the decision was made in)
};

// The Label page's undo log. A decision is logged at once, with what each image was before, and
// written on the window's store thread (one transaction, also for a grid of images): another
// process's lock on the workspace must not freeze the page. The store thread keeps the order,
// so an undo lands after the decision it undoes, and restores exactly what the store had
// before it: a label, "not a digit", or unlabeled (for a data set image: its earlier
// correction, or none). A write the store refuses is taken out of the log again and reported
// by failed(). Knows no widget and no model: the page and its tests drive it the same way.
class LabelDecisions : public QObject {
    Q_OBJECT
public:
    // store: where the writes go (the window's JobManager::store()); null: written at once,
    // on this thread, and apply() and undo() throw the store's Error instead of failed().
    LabelDecisions(WorkspacePtr workspace, StoreThread *store, QString who, QObject *parent = nullptr);
    ~LabelDecisions() override;

    const QString &who() const { return m_who; }
    // The OS user name ($USER, $USERNAME or $LOGNAME, as `mlwb samples label --by` defaults),
    // else the home folder's name.
    static QString defaultWho();

    // The value asked for last: that of a write not yet landed, else the one stored (a read,
    // which never waits for a writer). Throws Error from the stores.
    LabelValue current(const LabelTarget &target) const;

    // Logs the decision to store `value` for every target, and sends the write. Throws
    // UsageError at once for an unknown sample or "not a digit" for a data set image (then
    // nothing is logged or sent); a refusal of the store (a class outside the model's, a lock
    // held past the retries) comes later, as failed().
    LabelDecision apply(const QList<LabelTarget> &targets, const LabelValue &value, int tag = 0);
    // The same with a value per target (Space over a grid: every image its own guess).
    LabelDecision apply(const QList<std::pair<LabelTarget, LabelValue>> &values, int tag = 0);
    // Logs "looked at, left as it was": undo goes back to it without changing the store.
    LabelDecision skip(const LabelTarget &target, int tag = 0);

    // Takes the last decision out of the log and sends the write that restores what it changed;
    // nullopt when there is nothing to undo. A refused undo puts the decision back (failed()).
    std::optional<LabelDecision> undo();
    bool canUndo() const { return !m_log.empty(); }
    qsizetype size() const { return qsizetype(m_log.size()); }
    const LabelDecision *last() const { return m_log.empty() ? nullptr : &m_log.back().decision; }

    // Writes sent and not yet answered: the page shows "saving…" meanwhile.
    int pending() const { return m_pending; }

    // Images that got a label or "not a digit" from an unlabeled state through this log, not
    // undone: "labeled in this session". Production samples only, or also corrections.
    qint64 newlyLabeled(bool withCorrections = true) const;

Q_SIGNALS:
    void pendingChanged(int pending);
    void saved(); // every write sent so far has landed
    // A write was refused: its decision is out of the log again (an undo: back in it). What
    // these targets show must be read again (current()).
    void failed(const QString &message, const QList<LabelTarget> &targets);

private:
    // What a decision's write found and changed, filled on the store thread and read there
    // only (by the undo of it): nullopt until it landed, and for a write that was refused.
    using Landed = std::shared_ptr<std::optional<QList<LabelChange>>>;
    struct Entry {
        LabelDecision decision;
        quint64 seq = 0;
        Landed landed;
    };
    using Key = std::pair<QString, qint64>;
    static Key keyOf(const LabelTarget &t) { return {t.datasetId, t.id}; }

    void send(quint64 seq, const QList<LabelChange> &asked, std::function<QList<LabelChange>()> work,
              std::function<void(const QList<LabelChange> &)> done, std::function<void(const QString &)> refused);
    void settle(quint64 seq, const QList<LabelChange> &asked);

    WorkspacePtr m_workspace;
    StoreThread *m_store;
    QString m_who;
    std::vector<Entry> m_log;
    quint64 m_seq = 0;
    int m_pending = 0;
    // The values of writes not yet landed, per target, in the order sent: current() answers
    // the last, so that a decision made meanwhile logs the right "before".
    std::map<Key, std::vector<std::pair<quint64, LabelValue>>> m_unsaved;
};

} // namespace mlwb
