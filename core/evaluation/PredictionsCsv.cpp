#include "evaluation/PredictionsCsv.h"

#include "common/Error.h"

#include <QDir>
#include <QSaveFile>
#include <charconv>

namespace mlwb {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

void appendFloat(QByteArray &line, float value)
{
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    line.append(buffer, qsizetype(end - buffer)); // 32 bytes always suffice for a float
}

} // namespace

void writePredictionsCsv(const QString &path, const EvaluationResult &result, const QStringList &classNames)
{
    const size_t n = result.indices.size();
    const int k = result.numClasses();
    if (classNames.size() != k)
        throw UsageError(QStringLiteral("%1 class names given for predictions over %2 classes")
                             .arg(classNames.size()).arg(k));
    if (result.truth.size() != n || result.predicted.size() != n || result.probabilities.size() != n * size_t(k))
        throw UsageError(QStringLiteral("evaluation result is inconsistent: %1 indices, %2 labels, %3 predictions, "
                                        "%4 probabilities for %5 classes")
                             .arg(n).arg(result.truth.size()).arg(result.predicted.size())
                             .arg(result.probabilities.size()).arg(k));

    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(QStringLiteral("cannot write predictions to %1: %2").arg(shown, file.errorString()));

    QByteArray line = "index,true,predicted";
    for (const QString &name : classNames)
        line += ',' + csvField(QStringLiteral("p_") + name);
    line += '\n';
    file.write(line);
    for (size_t i = 0; i < n; ++i) {
        line = QByteArray::number(result.indices[i]) + ',' + QByteArray::number(result.truth[i]) + ','
               + QByteArray::number(result.predicted[i]);
        for (size_t c = 0; c < size_t(k); ++c) {
            line += ',';
            appendFloat(line, result.probabilities[i * size_t(k) + c]);
        }
        line += '\n';
        file.write(line); // QSaveFile remembers a failed write and refuses to commit
    }
    if (!file.commit())
        throw Error(QStringLiteral("cannot write predictions to %1: %2").arg(shown, file.errorString()));
}

} // namespace mlwb
