#include "cli/EvaluationText.h"

#include "evaluation/Corruptions.h"

namespace mlwb {

QString formatEvaluation(const EvaluateJob::Result &r, int failureCount)
{
    const ClassificationReport &report = r.opened.samples->report;
    const QStringList &names = r.opened.classNames;
    QString text = QStringLiteral("%1 test images of data set %2: accuracy %3, macro-F1 %4, weighted F1 %5\n\n")
                       .arg(report.confusion.total()).arg(r.datasetId.left(12))
                       .arg(report.accuracy, 0, 'f', 4).arg(report.macroF1, 0, 'f', 4).arg(report.weightedF1, 0, 'f', 4);
    text += QStringLiteral("%1 %2 %3 %4 %5\n").arg(QStringLiteral("class"), -14).arg(QStringLiteral("precision"), 9)
                .arg(QStringLiteral("recall"), 9).arg(QStringLiteral("F1"), 9).arg(QStringLiteral("support"), 8);
    for (size_t c = 0; c < report.perClass.size(); ++c) {
        const ClassMetrics &m = report.perClass[c];
        text += QStringLiteral("%1 %2 %3 %4 %5\n").arg(names.value(int(c)).left(14), -14).arg(m.precision, 9, 'f', 4)
                    .arg(m.recall, 9, 'f', 4).arg(m.f1, 9, 'f', 4).arg(m.support, 8);
    }
    text += QStringLiteral("\nconfusion matrix (rows: true class, columns: predicted)\n");
    const int k = report.confusion.numClasses();
    for (int t = 0; t < k; ++t) {
        text += QStringLiteral("%1").arg(names.value(t).left(10), -10);
        for (int p = 0; p < k; ++p)
            text += QStringLiteral(" %1").arg(report.confusion.at(t, p), 5);
        text += u'\n';
    }
    const QJsonArray robustness = r.opened.record.summary.value(QStringLiteral("robustness")).toArray();
    if (!robustness.isEmpty()) {
        text += QStringLiteral("\naccuracy under corruptions (clean, then severities 1–5):\n");
        for (const CorruptionCurve &curve : corruptionCurvesFromJson(robustness, QStringLiteral("stored evaluation"))) {
            text += QStringLiteral("  %1").arg(corruptionKey(curve.kind), -9);
            for (size_t level = 0; level < curve.accuracy.size(); ++level)
                text += QStringLiteral("  %1 %2").arg(level == 0 ? QStringLiteral("clean") : QStringLiteral("%1%2").arg(curve.severities[level]).arg(corruptionUnit(curve.kind)))
                            .arg(curve.accuracy[level], 0, 'f', 4);
            text += u'\n';
        }
    }
    const QJsonObject latency = r.opened.record.summary.value(QStringLiteral("latencyMs")).toObject();
    if (!latency.isEmpty())
        text += QStringLiteral("\nsingle-image latency: p50 %1 ms, p99 %2 ms\n")
                    .arg(latency.value(QStringLiteral("p50")).toDouble(), 0, 'f', 3)
                    .arg(latency.value(QStringLiteral("p99")).toDouble(), 0, 'f', 3);
    const auto &failures = r.opened.samples->failures;
    if (!failures.empty() && failureCount > 0) {
        text += QStringLiteral("\nmost confident mistakes (index: true → predicted, top 3):\n");
        for (size_t i = 0; i < std::min(failures.size(), size_t(failureCount)); ++i) {
            const FailureCase &f = failures[i];
            text += QStringLiteral("  %1: %2 → %3 (%4)  top 3:").arg(f.index).arg(names.value(f.trueLabel), names.value(f.predicted))
                        .arg(f.confidence, 0, 'f', 3);
            for (const auto &[label, p] : f.top3)
                if (label >= 0)
                    text += QStringLiteral(" %1 %2").arg(names.value(label)).arg(p, 0, 'f', 3);
            text += u'\n';
        }
    }
    return text;
}

} // namespace mlwb
