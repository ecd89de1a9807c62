#pragma once
#include "monitoring/WindowReport.h"

#include <QCoreApplication>
#include <QString>

namespace mlwb {

// How the Monitor page writes the statistics of a window for a person.
class StatisticText {
    Q_DECLARE_TR_FUNCTIONS(mlwb::StatisticText)
public:
    // "embeddings (MMD)", "brightness", "predicted classes (χ²)"…
    static QString name(DriftStatistic statistic);
    static QString name(const QString &key); // the key itself when it is unknown
    // What the statistic measures, for a tool tip.
    static QString description(DriftStatistic statistic);
    // "MMD²", "D", "χ²": the symbol of its value.
    static QString symbol(DriftStatistic statistic);
    // A p-value as it reads best: 0.0312, 4.1e-07, "< 1e-300" for 0.
    static QString pValue(double p);
    static QString value(double v);
    // "window 3 (samples 1001–1500)"
    static QString window(int number, qint64 firstSampleId, qint64 lastSampleId);
    // "1 May 08:00:00–08:41:12" (the day once when both are on one day, none when it is today), in local time.
    static QString span(const QDateTime &from, const QDateTime &to);
};

} // namespace mlwb
