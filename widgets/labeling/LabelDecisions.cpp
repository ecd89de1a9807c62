#include "labeling/LabelDecisions.h"

#include "common/Error.h"
#include "jobs/StoreThread.h"
#include "production/SampleStore.h"
#include "store/LabelCorrectionStore.h"

#include <QDir>

namespace mlwb {

namespace {

LabelValue readValue(const Workspace &workspace, const LabelTarget &target)
{
    if (target.isCorrection()) {
        const std::optional<LabelCorrection> c = LabelCorrectionStore(workspace).correction(target.datasetId, target.id);
        return c ? LabelValue::of(c->label) : LabelValue::none();
    }
    const std::optional<ProductionSample> s = SampleStore(workspace).sample(target.id);
    if (!s)
        throw UsageError(QStringLiteral("there is no production sample %1").arg(target.id));
    return s->discarded ? LabelValue::discard() : LabelValue{s->label, false};
}

void writeValue(const Workspace &workspace, const LabelTarget &target, const LabelValue &value, const QString &who)
{
    if (target.isCorrection())
        LabelCorrectionStore(workspace).correct(target.datasetId, target.id, value.label, who);
    else
        SampleStore(workspace).setLabel(target.id, value.label, value.discarded, who);
}

QList<LabelTarget> targetsOf(const QList<LabelChange> &changes)
{
    QList<LabelTarget> targets;
    for (const LabelChange &c : changes)
        if (!targets.contains(c.target))
            targets << c.target;
    return targets;
}

} // namespace

LabelDecisions::LabelDecisions(WorkspacePtr workspace, StoreThread *store, QString who, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_store(store), m_who(std::move(who))
{
}

LabelDecisions::~LabelDecisions() = default;

QString LabelDecisions::defaultWho()
{
    for (const char *name : {"USER", "USERNAME", "LOGNAME"}) {
        const QString user = qEnvironmentVariable(name);
        if (!user.isEmpty())
            return user;
    }
    const QString home = QDir::home().dirName(); // a session without them: the home folder's name
    return home.isEmpty() ? QStringLiteral("me") : home;
}

LabelValue LabelDecisions::current(const LabelTarget &target) const
{
    if (const auto it = m_unsaved.find(keyOf(target)); it != m_unsaved.end() && !it->second.empty())
        return it->second.back().second;
    return readValue(*m_workspace, target);
}

LabelDecision LabelDecisions::apply(const QList<LabelTarget> &targets, const LabelValue &value, int tag)
{
    QList<std::pair<LabelTarget, LabelValue>> values;
    for (const LabelTarget &t : targets)
        values.append({t, value});
    return apply(values, tag);
}

LabelDecision LabelDecisions::apply(const QList<std::pair<LabelTarget, LabelValue>> &values, int tag)
{
    LabelDecision decision;
    decision.tag = tag;
    if (values.isEmpty())
        return decision;
    for (const auto &[target, value] : values) {
        if (target.isCorrection() && value.discarded)
            throw UsageError(QStringLiteral("an image of a data set version cannot be discarded, only relabeled"));
        std::optional<LabelValue> before; // a target named twice: the second change follows the first
        for (const LabelChange &earlier : decision.changes)
            if (earlier.target == target)
                before = earlier.after;
        decision.changes.append({target, before ? *before : current(target), value});
    }
    const quint64 seq = ++m_seq;
    const Landed landed = std::make_shared<std::optional<QList<LabelChange>>>();
    m_log.push_back({decision, seq, landed});
    send(
        seq, decision.changes,
        [workspace = m_workspace, who = m_who, values, landed] {
            QList<LabelChange> changes;
            // Nested transactions join this one: the whole grid is stored, or nothing.
            workspace->database().transaction([&] {
                changes.clear(); // a retried transaction starts over
                for (const auto &[target, value] : values) {
                    const LabelValue before = readValue(*workspace, target);
                    writeValue(*workspace, target, value, who);
                    changes.append({target, before, value});
                }
            });
            *landed = changes;
            return changes;
        },
        [this, seq](const QList<LabelChange> &changes) {
            // What the store had (another process may have labeled meanwhile) is what undo
            // restores and what the session's counts count.
            for (Entry &e : m_log)
                if (e.seq == seq)
                    e.decision.changes = changes;
        },
        [this, seq](const QString &) {
            std::erase_if(m_log, [seq](const Entry &e) { return e.seq == seq; });
        });
    return decision;
}

LabelDecision LabelDecisions::skip(const LabelTarget &target, int tag)
{
    const LabelValue now = current(target);
    LabelDecision decision{{{target, now, now}}, tag};
    m_log.push_back({decision, ++m_seq, nullptr}); // nothing written, nothing to take back
    return decision;
}

std::optional<LabelDecision> LabelDecisions::undo()
{
    if (m_log.empty())
        return std::nullopt;
    const Entry entry = m_log.back();
    m_log.pop_back();
    if (!entry.landed)
        return entry.decision; // a skip
    QList<LabelChange> asked; // what the page expects: each target back as it was
    for (auto c = entry.decision.changes.crbegin(); c != entry.decision.changes.crend(); ++c)
        if (c->before != c->after)
            asked.append({c->target, c->after, c->before});
    send(
        ++m_seq, asked,
        [workspace = m_workspace, who = m_who, landed = entry.landed] {
            QList<LabelChange> restored;
            if (!landed->has_value())
                return restored; // the decision itself was refused: nothing to take back
            workspace->database().transaction([&] {
                restored.clear();
                // Backwards, so that a target named twice ends as it was before the first.
                const QList<LabelChange> &changes = **landed;
                for (auto c = changes.crbegin(); c != changes.crend(); ++c)
                    if (c->before != c->after) {
                        writeValue(*workspace, c->target, c->before, who);
                        restored.append({c->target, c->after, c->before});
                    }
            });
            return restored;
        },
        [](const QList<LabelChange> &) {},
        [this, entry](const QString &) { m_log.push_back(entry); }); // still to undo
    return entry.decision;
}

void LabelDecisions::send(quint64 seq, const QList<LabelChange> &asked, std::function<QList<LabelChange>()> work,
                          std::function<void(const QList<LabelChange> &)> done, std::function<void(const QString &)> refused)
{
    for (const LabelChange &c : asked)
        m_unsaved[keyOf(c.target)].push_back({seq, c.after});
    ++m_pending;
    Q_EMIT pendingChanged(m_pending);
    auto answered = [this] {
        if (--m_pending == 0)
            Q_EMIT saved();
        Q_EMIT pendingChanged(m_pending);
    };
    auto onDone = [this, seq, asked, done, answered](const QList<LabelChange> &changes) {
        settle(seq, asked);
        done(changes);
        answered();
    };
    auto onRefused = [this, seq, asked, refused, answered](const QString &message) {
        settle(seq, asked);
        refused(message);
        Q_EMIT failed(message, targetsOf(asked));
        answered();
    };
    if (m_store) {
        m_store->run(this, std::move(work), std::move(onDone), std::move(onRefused));
        return;
    }
    // No store thread: written here and now, and a refusal is thrown to the caller.
    QList<LabelChange> changes;
    try {
        changes = work();
    } catch (const Error &) {
        settle(seq, asked);
        refused(QString());
        answered();
        throw;
    }
    onDone(changes);
}

void LabelDecisions::settle(quint64 seq, const QList<LabelChange> &asked)
{
    for (const LabelChange &c : asked) {
        const auto it = m_unsaved.find(keyOf(c.target));
        if (it == m_unsaved.end())
            continue;
        std::erase_if(it->second, [seq](const auto &v) { return v.first == seq; });
        if (it->second.empty())
            m_unsaved.erase(it);
    }
}

qint64 LabelDecisions::newlyLabeled(bool withCorrections) const
{
    qint64 n = 0;
    for (const Entry &e : m_log)
        for (const LabelChange &c : e.decision.changes)
            if (!c.before.isSet() && c.after.isSet() && (withCorrections || !c.target.isCorrection()))
                ++n;
    return n;
}

} // namespace mlwb
