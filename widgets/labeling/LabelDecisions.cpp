#include "labeling/LabelDecisions.h"

#include "common/Error.h"
#include "production/SampleStore.h"
#include "store/LabelCorrectionStore.h"

#include <QDir>

namespace mlwb {

LabelDecisions::LabelDecisions(WorkspacePtr workspace, QString who) : m_workspace(std::move(workspace)), m_who(std::move(who)) {}

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
    if (target.isCorrection()) {
        const std::optional<LabelCorrection> c = LabelCorrectionStore(*m_workspace).correction(target.datasetId, target.id);
        return c ? LabelValue::of(c->label) : LabelValue::none();
    }
    const std::optional<ProductionSample> s = SampleStore(*m_workspace).sample(target.id);
    if (!s)
        throw UsageError(QStringLiteral("there is no production sample %1").arg(target.id));
    return s->discarded ? LabelValue::discard() : LabelValue{s->label, false};
}

void LabelDecisions::store(const LabelTarget &target, const LabelValue &value) const
{
    if (target.isCorrection()) {
        if (value.discarded)
            throw UsageError(QStringLiteral("an image of a data set version cannot be discarded, only relabeled"));
        LabelCorrectionStore(*m_workspace).correct(target.datasetId, target.id, value.label, m_who);
    } else {
        SampleStore(*m_workspace).setLabel(target.id, value.label, value.discarded, m_who);
    }
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
    // Nested transactions join this one: the whole grid is stored, or nothing.
    m_workspace->database().transaction([&] {
        decision.changes.clear(); // a retried transaction starts over
        for (const auto &[target, value] : values) {
            const LabelValue before = current(target);
            store(target, value);
            decision.changes.append({target, before, value});
        }
    });
    m_log.push_back(decision);
    return decision;
}

LabelDecision LabelDecisions::skip(const LabelTarget &target, int tag)
{
    const LabelValue now = current(target);
    LabelDecision decision{{{target, now, now}}, tag};
    m_log.push_back(decision);
    return decision;
}

std::optional<LabelDecision> LabelDecisions::undo()
{
    if (m_log.empty())
        return std::nullopt;
    const LabelDecision decision = m_log.back();
    m_workspace->database().transaction([&] {
        // Backwards, so that a target named twice ends as it was before the first.
        for (auto change = decision.changes.crbegin(); change != decision.changes.crend(); ++change)
            if (change->before != change->after)
                store(change->target, change->before);
    });
    m_log.pop_back();
    return decision;
}

qint64 LabelDecisions::newlyLabeled(bool withCorrections) const
{
    qint64 n = 0;
    for (const LabelDecision &d : m_log)
        for (const LabelChange &c : d.changes)
            if (!c.before.isSet() && c.after.isSet() && (withCorrections || !c.target.isCorrection()))
                ++n;
    return n;
}

} // namespace mlwb
