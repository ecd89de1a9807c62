#include "evaluation/EvaluationSamples.h"

#include "common/Error.h"
#include "evaluation/Probabilities.h"

#include <QtEndian>
#include <cmath>
#include <cstring>
#include <limits>

namespace mlwb {

namespace {

constexpr char kMagic[9] = "MLWBEV01";
constexpr qint64 kHeaderBytes = 8 + 4 + 4 + 8;
constexpr int kMaxClasses = 1 << 16;
constexpr int kMaxEmbedding = 1 << 20;

template <class T>
void append(QByteArray &out, T value)
{
    T little = qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&little), sizeof(T));
}

template <class T>
T read(const char *&at)
{
    T value;
    std::memcpy(&value, at, sizeof(T));
    at += sizeof(T);
    return qFromLittleEndian(value);
}

void appendFloats(QByteArray &out, const std::vector<float> &values)
{
    for (const float v : values) {
        quint32 bits;
        std::memcpy(&bits, &v, sizeof bits);
        append(out, bits);
    }
}

float readFloat(const char *&at)
{
    const quint32 bits = read<quint32>(at);
    float v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

} // namespace

QByteArray encodeEvaluationSamples(const EvaluationResult &result)
{
    const qint64 n = result.size();
    const int k = result.numClasses();
    const int d = result.embeddingSize;
    if (result.truth.size() != size_t(n) || result.probabilities.size() != size_t(n) * size_t(k)
        || result.embeddings.size() != size_t(n) * size_t(d))
        throw UsageError(QStringLiteral("an evaluation's per-sample vectors disagree in length"));
    QByteArray out;
    out.reserve(int(kHeaderBytes + n * (8 + 4 + 4 * (k + d))));
    out.append(kMagic, 8);
    append<qint32>(out, k);
    append<qint32>(out, d);
    append<qint64>(out, n);
    for (const qint64 index : result.indices)
        append<qint64>(out, index);
    for (const int label : result.truth)
        append<qint32>(out, label);
    appendFloats(out, result.probabilities);
    appendFloats(out, result.embeddings);
    return out;
}

EvaluationResult decodeEvaluationSamples(const QByteArray &bytes, const QString &origin, int failureLimit)
{
    auto fail = [&origin](const QString &what) { return Error(QStringLiteral("%1: %2").arg(origin, what)); };
    if (bytes.size() < kHeaderBytes || std::memcmp(bytes.constData(), kMagic, 8) != 0)
        throw fail(QStringLiteral("not an mlwb evaluation file (bad magic or shorter than its header)"));
    const char *at = bytes.constData() + 8;
    const qint32 k = read<qint32>(at);
    const qint32 d = read<qint32>(at);
    const qint64 n = read<qint64>(at);
    if (k < 1 || k > kMaxClasses)
        throw fail(QStringLiteral("class count %1 is outside 1–%2").arg(k).arg(kMaxClasses));
    if (d < 0 || d > kMaxEmbedding)
        throw fail(QStringLiteral("embedding size %1 is outside 0–%2").arg(d).arg(kMaxEmbedding));
    const qint64 perSample = 8 + 4 + 4 * qint64(k + d);
    if (n < 0 || n > (std::numeric_limits<qint64>::max() - kHeaderBytes) / perSample
        || kHeaderBytes + n * perSample != bytes.size())
        throw fail(QStringLiteral("the header's %1 samples of %2 classes and %3 embedding values need %4 bytes, "
                                  "the file has %5")
                       .arg(n).arg(k).arg(d).arg(n >= 0 && n < (qint64(1) << 40) ? kHeaderBytes + n * perSample : -1)
                       .arg(bytes.size()));
    EvaluationResult result;
    result.indices.resize(size_t(n));
    result.truth.resize(size_t(n));
    result.predicted.resize(size_t(n));
    result.probabilities.resize(size_t(n) * size_t(k));
    result.embeddingSize = d;
    result.embeddings.resize(size_t(n) * size_t(d));
    for (qint64 i = 0; i < n; ++i) {
        result.indices[size_t(i)] = read<qint64>(at);
        if (result.indices[size_t(i)] < 0)
            throw fail(QStringLiteral("sample %1 has the negative index %2").arg(i).arg(result.indices[size_t(i)]));
    }
    for (qint64 i = 0; i < n; ++i) {
        const qint32 label = read<qint32>(at);
        if (label < 0 || label >= k)
            throw fail(QStringLiteral("sample %1 has label %2, outside the %3 classes").arg(i).arg(label).arg(k));
        result.truth[size_t(i)] = label;
    }
    for (float &p : result.probabilities) {
        p = readFloat(at);
        if (!std::isfinite(p))
            throw fail(QStringLiteral("a probability is not a finite number"));
    }
    for (float &e : result.embeddings)
        e = readFloat(at);
    for (qint64 i = 0; i < n; ++i)
        result.predicted[size_t(i)] = argmax(result.probabilities.data() + i * k, k); // the report is not set yet
    result.report = classificationReport(result.truth, result.predicted, k);
    result.failures = failureCases(result.probabilities, k, result.truth, result.indices, failureLimit);
    return result;
}

} // namespace mlwb
