#pragma once
#include "store/Workspace.h"

#include <QList>
#include <QString>
#include <optional>
#include <vector>

namespace mlwb {

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

// The Label page's undo log. Each decision is written as it is made (one transaction, also for
// a grid of images) and logged with what each image was before, so that undo() restores exactly
// that: a label, "not a digit", or unlabeled (for a data set image: its earlier correction, or
// none). Knows no widget and no model: the page and its tests drive it the same way.
class LabelDecisions {
public:
    LabelDecisions(WorkspacePtr workspace, QString who);

    const QString &who() const { return m_who; }
    // The OS user name ($USER, $USERNAME or $LOGNAME, as `mlwb samples label --by` defaults),
    // else the home folder's name.
    static QString defaultWho();

    // The value stored now. Throws Error from the stores.
    LabelValue current(const LabelTarget &target) const;

    // Stores `value` for every target in one transaction and logs the decision. Throws
    // UsageError (an unknown sample, a class outside the model's, "not a digit" for a data set
    // image) and Error from the store; then nothing was stored or logged.
    LabelDecision apply(const QList<LabelTarget> &targets, const LabelValue &value, int tag = 0);
    // The same with a value per target (Space over a grid: every image its own guess).
    LabelDecision apply(const QList<std::pair<LabelTarget, LabelValue>> &values, int tag = 0);
    // Logs "looked at, left as it was": undo goes back to it without changing the store.
    LabelDecision skip(const LabelTarget &target, int tag = 0);

    // Restores what the last decision changed (one transaction) and drops it from the log;
    // nullopt when there is nothing to undo. Throws Error from the store (the log keeps it).
    std::optional<LabelDecision> undo();
    bool canUndo() const { return !m_log.empty(); }
    qsizetype size() const { return qsizetype(m_log.size()); }
    const LabelDecision *last() const { return m_log.empty() ? nullptr : &m_log.back(); }

    // Images that got a label or "not a digit" from an unlabeled state through this log, not
    // undone: "labeled in this session". Production samples only, or also corrections.
    qint64 newlyLabeled(bool withCorrections = true) const;

private:
    void store(const LabelTarget &target, const LabelValue &value) const;

    WorkspacePtr m_workspace;
    QString m_who;
    std::vector<LabelDecision> m_log;
};

} // namespace mlwb
