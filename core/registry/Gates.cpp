#include "registry/Gates.h"

#include <cmath>

namespace mlwb {

int shortfallDecimals(double shortfall)
{
    int decimals = 4;
    while (decimals < 8 && QString::number(shortfall, 'f', decimals).toDouble() == 0.0)
        ++decimals;
    return decimals;
}

QJsonObject Gates::toJson() const
{
    return {{QStringLiteral("minMacroF1"), minMacroF1}, {QStringLiteral("maxParameters"), maxParameters},
            {QStringLiteral("beatProduction"), mustBeatProduction}};
}

QStringList gateFailures(const ModelVersion &model, const Gates &gates)
{
    QStringList failures;
    if (!std::isfinite(model.macroF1)) {
        failures << QStringLiteral("macro-F1 is not a number, so it cannot reach the minimum %1")
                        .arg(gates.minMacroF1, 0, 'f', 4);
    } else if (model.macroF1 < gates.minMacroF1) {
        const double shortfall = gates.minMacroF1 - model.macroF1;
        const int decimals = shortfallDecimals(shortfall);
        failures << QStringLiteral("macro-F1 %1 is below the minimum %2 by %3")
                        .arg(model.macroF1, 0, 'f', decimals)
                        .arg(gates.minMacroF1, 0, 'f', decimals)
                        .arg(shortfall, 0, 'f', decimals);
    }
    if (model.parameterCount > gates.maxParameters)
        failures << QStringLiteral("%1 parameters exceed the maximum %2 by %3")
                        .arg(model.parameterCount)
                        .arg(gates.maxParameters)
                        .arg(model.parameterCount - gates.maxParameters);
    return failures;
}

GateError::GateError(qint64 modelId, const QStringList &failures)
    : GateNotMet(QStringLiteral("model %1 does not pass the promotion gates: %2").arg(modelId).arg(failures.join(QStringLiteral("; ")))),
      m_modelId(modelId), m_failures(failures)
{
}

} // namespace mlwb
