#include "evaluation/Metrics.h"

#include "common/Error.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <cmath>

namespace mlwb {

namespace {

// a / b, or 0 when b is 0 (scikit-learn's zero_division=0).
double ratioOrZero(double a, double b)
{
    return b == 0 ? 0.0 : a / b;
}

QString className(const QStringList &classNames, int k)
{
    return classNames.isEmpty() ? QString::number(k) : classNames[k];
}

// A JSON number that is a non-negative integer, as toJson writes counts.
bool isCount(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d >= 0 && d <= 9007199254740992.0 && std::floor(d) == d; // exact in a double
}

// A JSON value as it would appear in the file, for error messages.
QString valueText(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)); // drop the [ ]
}

} // namespace

ConfusionMatrix::ConfusionMatrix(int numClasses)
{
    if (numClasses < 0)
        throw UsageError(QStringLiteral("a confusion matrix needs a class count >= 0, got %1").arg(numClasses));
    m_numClasses = numClasses;
    m_counts.assign(size_t(numClasses) * size_t(numClasses), 0);
}

void ConfusionMatrix::checkLabel(int label, const char *what) const
{
    if (label < 0 || label >= m_numClasses)
        throw Error(QStringLiteral("%1 class %2 is outside the %3 classes of the confusion matrix")
                        .arg(QLatin1String(what))
                        .arg(label)
                        .arg(m_numClasses));
}

void ConfusionMatrix::add(int trueLabel, int predicted)
{
    checkLabel(trueLabel, "true");
    checkLabel(predicted, "predicted");
    ++m_counts[size_t(trueLabel) * size_t(m_numClasses) + size_t(predicted)];
    ++m_total;
}

qint64 ConfusionMatrix::at(int trueLabel, int predicted) const
{
    checkLabel(trueLabel, "true");
    checkLabel(predicted, "predicted");
    return m_counts[size_t(trueLabel) * size_t(m_numClasses) + size_t(predicted)];
}

qint64 ConfusionMatrix::correct() const
{
    qint64 sum = 0;
    for (int k = 0; k < m_numClasses; ++k)
        sum += at(k, k);
    return sum;
}

qint64 ConfusionMatrix::support(int trueLabel) const
{
    qint64 sum = 0;
    for (int p = 0; p < m_numClasses; ++p)
        sum += at(trueLabel, p);
    return sum;
}

qint64 ConfusionMatrix::predictedCount(int predicted) const
{
    qint64 sum = 0;
    for (int t = 0; t < m_numClasses; ++t)
        sum += at(t, predicted);
    return sum;
}

QJsonArray ConfusionMatrix::toJson() const
{
    QJsonArray rows;
    for (int t = 0; t < m_numClasses; ++t) {
        QJsonArray row;
        for (int p = 0; p < m_numClasses; ++p)
            row.append(at(t, p));
        rows.append(row);
    }
    return rows;
}

ConfusionMatrix ConfusionMatrix::fromJson(const QJsonArray &json, const QString &origin)
{
    ConfusionMatrix m(int(json.size()));
    for (int t = 0; t < m.m_numClasses; ++t) {
        const QJsonValue rowValue = json[t];
        if (!rowValue.isArray() || rowValue.toArray().size() != json.size())
            throw Error(QStringLiteral("%1: confusion matrix row %2 is not an array of %3 counts")
                            .arg(origin).arg(t).arg(json.size()));
        const QJsonArray row = rowValue.toArray();
        for (int p = 0; p < m.m_numClasses; ++p) {
            if (!isCount(row[p]))
                throw Error(QStringLiteral("%1: confusion matrix cell (%2, %3) is not a count: %4")
                                .arg(origin).arg(t).arg(p)
                                .arg(valueText(row[p])));
            const qint64 n = row[p].toInteger();
            m.m_counts[size_t(t) * size_t(m.m_numClasses) + size_t(p)] = n;
            m.m_total += n;
        }
    }
    return m;
}

ClassificationReport reportFromConfusion(const ConfusionMatrix &confusion)
{
    ClassificationReport r;
    r.confusion = confusion;
    const int k = confusion.numClasses();
    const double total = double(confusion.total());
    r.accuracy = ratioOrZero(double(confusion.correct()), total);
    double f1Sum = 0, weightedSum = 0;
    for (int c = 0; c < k; ++c) {
        ClassMetrics m;
        const double tp = double(confusion.at(c, c));
        m.support = confusion.support(c);
        m.precision = ratioOrZero(tp, double(confusion.predictedCount(c)));
        m.recall = ratioOrZero(tp, double(m.support));
        m.f1 = ratioOrZero(2 * m.precision * m.recall, m.precision + m.recall);
        f1Sum += m.f1;
        weightedSum += m.f1 * double(m.support);
        r.perClass.push_back(m);
    }
    r.macroF1 = ratioOrZero(f1Sum, k);
    r.weightedF1 = ratioOrZero(weightedSum, total);
    return r;
}

ClassificationReport classificationReport(const std::vector<int> &truth, const std::vector<int> &predicted,
                                          int numClasses)
{
    if (numClasses < 1)
        throw UsageError(QStringLiteral("a classification report needs at least one class, got %1").arg(numClasses));
    if (truth.size() != predicted.size())
        throw UsageError(QStringLiteral("%1 true labels but %2 predictions").arg(truth.size()).arg(predicted.size()));
    ConfusionMatrix confusion(numClasses);
    for (size_t i = 0; i < truth.size(); ++i) {
        if (truth[i] < 0 || truth[i] >= numClasses || predicted[i] < 0 || predicted[i] >= numClasses)
            throw Error(QStringLiteral("sample %1: true class %2 / predicted class %3 outside [0, %4)")
                            .arg(i).arg(truth[i]).arg(predicted[i]).arg(numClasses));
        confusion.add(truth[i], predicted[i]);
    }
    return reportFromConfusion(confusion);
}

QJsonObject ClassificationReport::toJson(const QStringList &classNames) const
{
    const int k = confusion.numClasses();
    if (!classNames.isEmpty() && classNames.size() != k)
        throw UsageError(QStringLiteral("%1 class names given for a report of %2 classes").arg(classNames.size()).arg(k));
    if (perClass.size() != size_t(k))
        throw UsageError(QStringLiteral("a report with %1 per-class rows for %2 classes; build it with reportFromConfusion()")
                             .arg(perClass.size()).arg(k));
    QJsonArray names, classes;
    for (int c = 0; c < k; ++c) {
        names.append(className(classNames, c));
        const ClassMetrics &m = perClass[size_t(c)];
        classes.append(QJsonObject{{QStringLiteral("class"), className(classNames, c)},
                                   {QStringLiteral("precision"), m.precision},
                                   {QStringLiteral("recall"), m.recall},
                                   {QStringLiteral("f1"), m.f1},
                                   {QStringLiteral("support"), m.support}});
    }
    return {{QStringLiteral("samples"), confusion.total()},
            {QStringLiteral("accuracy"), accuracy},
            {QStringLiteral("macroF1"), macroF1},
            {QStringLiteral("weightedF1"), weightedF1},
            {QStringLiteral("classes"), names},
            {QStringLiteral("perClass"), classes},
            {QStringLiteral("confusion"), confusion.toJson()}};
}

ClassificationReport ClassificationReport::fromJson(const QJsonObject &json, const QString &origin,
                                                    QStringList *classNames)
{
    const QJsonValue confusionValue = json.value(QStringLiteral("confusion"));
    if (!confusionValue.isArray())
        throw Error(QStringLiteral("%1: no \"confusion\" array").arg(origin));
    ClassificationReport report = reportFromConfusion(ConfusionMatrix::fromJson(confusionValue.toArray(), origin));
    const QJsonValue namesValue = json.value(QStringLiteral("classes"));
    if (!namesValue.isArray() || namesValue.toArray().size() != report.confusion.numClasses())
        throw Error(QStringLiteral("%1: \"classes\" must list the %2 class names of the confusion matrix")
                        .arg(origin).arg(report.confusion.numClasses()));
    if (classNames) {
        classNames->clear();
        for (const QJsonValue &name : namesValue.toArray()) {
            if (!name.isString())
                throw Error(QStringLiteral("%1: a class name is not a string").arg(origin));
            classNames->append(name.toString());
        }
    }
    return report;
}

} // namespace mlwb
