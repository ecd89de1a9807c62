#pragma once
#include "common/Error.h"
#include "registry/ModelVersion.h"

#include <QJsonObject>
#include <QStringList>

namespace mlwb {

// What a model must reach to become production. The workspace stores its own defaults
// (ModelRegistry::gates() / setGates()); these are the defaults of a new workspace.
struct Gates {
    double minMacroF1 = 0.95;
    qint64 maxParameters = 200000;
    // The candidate's macro-F1 must be higher than production's on the candidate's test set.
    // Needs both models evaluated, so promoteThroughGates (jobs/Promotion.h) checks it, not
    // gateFailures or ModelRegistry::promote.
    bool mustBeatProduction = true;

    QJsonObject toJson() const;
    bool operator==(const Gates &) const = default;
};

// Empty when the model passes. Each entry names the gate and by how much it is missed,
// e.g. "macro-F1 0.9312 is below the minimum 0.9500 by 0.0188".
QStringList gateFailures(const ModelVersion &model, const Gates &gates);

// How many decimals show a shortfall: four, or more when four would print a non-zero one as 0.0000.
int shortfallDecimals(double shortfall);

// Thrown by ModelRegistry::promote() when gates fail; nothing was changed. A GateNotMet, so
// the CLI exits with its gate code.
class GateError : public GateNotMet {
public:
    GateError(qint64 modelId, const QStringList &failures);
    const QStringList &failures() const { return m_failures; }
    qint64 modelId() const { return m_modelId; }

private:
    qint64 m_modelId;
    QStringList m_failures;
};

} // namespace mlwb
