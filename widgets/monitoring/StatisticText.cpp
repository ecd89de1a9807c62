#include "monitoring/StatisticText.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace mlwb {

QString StatisticText::name(DriftStatistic statistic)
{
    switch (statistic) {
    case DriftStatistic::EmbeddingMmd: return tr("embeddings (MMD)");
    case DriftStatistic::SoftmaxKs: return tr("softmax outputs (KS)");
    case DriftStatistic::Brightness: return tr("brightness");
    case DriftStatistic::Contrast: return tr("contrast");
    case DriftStatistic::InkArea: return tr("ink area");
    case DriftStatistic::Sharpness: return tr("sharpness");
    case DriftStatistic::PredictedClasses: return tr("predicted classes (χ²)");
    case DriftStatistic::Confidence: return tr("confidence");
    }
    return {};
}

QString StatisticText::name(const QString &key)
{
    const std::optional<DriftStatistic> s = driftStatisticFromKey(key);
    return s ? name(*s) : key;
}

QString StatisticText::description(DriftStatistic statistic)
{
    switch (statistic) {
    case DriftStatistic::EmbeddingMmd:
        return tr("Maximum mean discrepancy of the model's penultimate-layer embeddings (Gaussian kernel, "
                  "permutation test): do the inputs look alike to the model?");
    case DriftStatistic::SoftmaxKs:
        return tr("Kolmogorov–Smirnov test of each class's probability, Bonferroni-corrected over the classes "
                  "(black-box shift detection)");
    case DriftStatistic::Brightness:
        return tr("Kolmogorov–Smirnov test of the inputs' mean brightness");
    case DriftStatistic::Contrast:
        return tr("Kolmogorov–Smirnov test of the inputs' contrast");
    case DriftStatistic::InkArea:
        return tr("Kolmogorov–Smirnov test of the inputs' ink area");
    case DriftStatistic::Sharpness:
        return tr("Kolmogorov–Smirnov test of the inputs' sharpness");
    case DriftStatistic::PredictedClasses:
        return tr("χ² test of the predicted classes' counts against the reference's");
    case DriftStatistic::Confidence:
        return tr("Kolmogorov–Smirnov test of the model's top probability");
    }
    return {};
}

QString StatisticText::symbol(DriftStatistic statistic)
{
    switch (statistic) {
    case DriftStatistic::EmbeddingMmd: return QStringLiteral("MMD²");
    case DriftStatistic::PredictedClasses: return QStringLiteral("χ²");
    default: return QStringLiteral("D");
    }
}

QString StatisticText::pValue(double p)
{
    if (!(p > 0))
        return QStringLiteral("< 1e-300");
    const QLocale locale;
    return p >= 1e-3 ? locale.toString(p, 'f', 4) : locale.toString(p, 'g', 2);
}

QString StatisticText::value(double v)
{
    const QLocale locale;
    return std::abs(v) >= 1e-3 && std::abs(v) < 1e4 ? locale.toString(v, 'f', 4) : locale.toString(v, 'g', 3);
}

QString StatisticText::window(int number, qint64 firstSampleId, qint64 lastSampleId)
{
    return tr("window %1 (samples %2–%3)").arg(number).arg(firstSampleId).arg(lastSampleId);
}

QString StatisticText::span(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return {};
    const QDateTime a = from.toLocalTime(), b = to.toLocalTime();
    const QLocale locale;
    const QString day = locale.toString(a.date(), QLocale::ShortFormat);
    if (a.date() == b.date() && a.date() == QDate::currentDate()) // today: the times say it
        return QStringLiteral("%1–%2").arg(a.time().toString(QStringLiteral("HH:mm:ss")), b.time().toString(QStringLiteral("HH:mm:ss")));
    if (a.date() == b.date())
        return QStringLiteral("%1 %2–%3").arg(day, a.time().toString(QStringLiteral("HH:mm:ss")), b.time().toString(QStringLiteral("HH:mm:ss")));
    return QStringLiteral("%1 %2 – %3 %4")
        .arg(day, a.time().toString(QStringLiteral("HH:mm")), locale.toString(b.date(), QLocale::ShortFormat),
             b.time().toString(QStringLiteral("HH:mm")));
}

} // namespace mlwb
