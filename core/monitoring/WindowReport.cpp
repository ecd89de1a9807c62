#include "monitoring/WindowReport.h"

#include "common/Error.h"
#include "store/Database.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace mlwb {

namespace {

const std::vector<std::pair<DriftStatistic, const char *>> &statisticKeys()
{
    static const std::vector<std::pair<DriftStatistic, const char *>> keys = {
        {DriftStatistic::EmbeddingMmd, "embedding-mmd"}, {DriftStatistic::SoftmaxKs, "softmax-ks"},
        {DriftStatistic::Brightness, "brightness-ks"},   {DriftStatistic::Contrast, "contrast-ks"},
        {DriftStatistic::InkArea, "ink-ks"},             {DriftStatistic::Sharpness, "sharpness-ks"},
        {DriftStatistic::PredictedClasses, "class-chi2"}, {DriftStatistic::Confidence, "confidence-ks"}};
    return keys;
}

ImageProperty propertyOf(DriftStatistic statistic)
{
    switch (statistic) {
    case DriftStatistic::Contrast:
        return ImageProperty::Contrast;
    case DriftStatistic::InkArea:
        return ImageProperty::InkArea;
    case DriftStatistic::Sharpness:
        return ImageProperty::Sharpness;
    default:
        return ImageProperty::Brightness;
    }
}

bool isPropertyStatistic(DriftStatistic s)
{
    return s == DriftStatistic::Brightness || s == DriftStatistic::Contrast || s == DriftStatistic::InkArea
           || s == DriftStatistic::Sharpness;
}

std::vector<double> histogram(const std::vector<double> &values, int bins)
{
    std::vector<double> shares(size_t(std::max(1, bins)), 0.0);
    if (values.empty())
        return shares;
    for (double v : values)
        shares[size_t(std::clamp(int(v * double(shares.size())), 0, int(shares.size()) - 1))] += 1;
    for (double &s : shares)
        s /= double(values.size());
    return shares;
}

KsResult ksAgainst(std::vector<double> window, const std::vector<double> &sortedReference)
{
    std::sort(window.begin(), window.end());
    return ksTwoSampleSorted(window.data(), qsizetype(window.size()), sortedReference.data(), qsizetype(sortedReference.size()));
}

std::pair<double, double> meanAndStd(const std::vector<double> &values)
{
    if (values.empty())
        return {0, 0};
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    double squares = 0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    return {mean, std::sqrt(squares / double(values.size()))};
}

QJsonValue optionalJson(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

// Non-finite numbers have no JSON form: a p-value or statistic that overflowed shows as null.
QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

} // namespace

const std::vector<DriftStatistic> &allDriftStatistics()
{
    static const std::vector<DriftStatistic> all = [] {
        std::vector<DriftStatistic> v;
        for (const auto &k : statisticKeys())
            v.push_back(k.first);
        return v;
    }();
    return all;
}

QString driftStatisticKey(DriftStatistic statistic)
{
    for (const auto &k : statisticKeys())
        if (k.first == statistic)
            return QString::fromLatin1(k.second);
    return {};
}

std::optional<DriftStatistic> driftStatisticFromKey(const QString &key)
{
    for (const auto &k : statisticKeys())
        if (key == QLatin1String(k.second))
            return k.first;
    return std::nullopt;
}

ReferenceProfile::ReferenceProfile(const Observations &reference, const DriftOptions &options)
    : m_size(reference.size()), m_numClasses(reference.numClasses)
{
    if (m_size <= 0 || m_numClasses < 1)
        throw UsageError(QStringLiteral("the monitor's reference holds no samples"));
    const size_t n = size_t(m_size), k = size_t(m_numClasses);
    m_probabilities.assign(k, std::vector<double>(n));
    m_classCounts.assign(k, 0);
    for (size_t i = 0; i < n; ++i) {
        for (size_t c = 0; c < k; ++c)
            m_probabilities[c][i] = double(reference.probabilities[i * k + c]);
        const int p = reference.predicted[i];
        if (p >= 0 && size_t(p) < k)
            ++m_classCounts[size_t(p)];
    }
    for (auto &column : m_probabilities) {
        const auto [mean, sd] = meanAndStd(column);
        m_probabilityMean.push_back(mean);
        m_probabilityStd.push_back(sd);
        std::sort(column.begin(), column.end());
    }
    m_confidences = reference.confidences();
    std::tie(m_confidenceMean, m_confidenceStd) = meanAndStd(m_confidences);
    std::sort(m_confidences.begin(), m_confidences.end());

    if (reference.hasProperties()) {
        for (ImageProperty p : allImageProperties()) {
            std::vector<double> &column = m_properties[size_t(p)];
            column.reserve(n);
            for (const ImageProperties &ip : reference.properties)
                column.push_back(propertyValue(ip, p));
            std::tie(m_propertyMean[size_t(p)], m_propertyStd[size_t(p)]) = meanAndStd(column);
            std::sort(column.begin(), column.end());
        }
    }
    if (reference.hasEmbeddings() && m_size >= 2)
        m_mmd = std::make_shared<MmdReference>(reference.embeddings.data(), m_size, reference.embeddingSize,
                                               options.referenceSubsample, 0.0, options.seed);

    std::vector<double> labeledConfidence;
    std::vector<bool> correct;
    for (size_t i = 0; i < n; ++i) {
        if (reference.truth.size() == n && reference.truth[i] >= 0) {
            labeledConfidence.push_back(reference.confidence(qsizetype(i)));
            correct.push_back(reference.truth[i] == reference.predicted[i]);
        }
    }
    if (!labeledConfidence.empty() && qsizetype(labeledConfidence.size()) >= std::min(options.minimumSamples, m_size))
        m_atc = fitAtcThreshold(labeledConfidence, correct);
}

std::vector<double> ReferenceProfile::confidenceHistogram(int bins) const
{
    return histogram(m_confidences, bins);
}

bool WindowReport::hasAlert() const
{
    return std::any_of(statistics.begin(), statistics.end(), [](const StatisticResult &s) { return s.alert; });
}

const StatisticResult &WindowReport::result(DriftStatistic statistic) const
{
    for (const StatisticResult &s : statistics)
        if (s.statistic == statistic)
            return s;
    static const StatisticResult none;
    return none;
}

std::optional<DriftStatistic> WindowReport::strongestDrift() const
{
    std::optional<DriftStatistic> strongest;
    double best = std::numeric_limits<double>::infinity();
    for (const StatisticResult &s : statistics) {
        if (!s.tested || !(s.threshold > 0))
            continue;
        const double ratio = s.pValue / s.threshold;
        if (ratio < best) {
            best = ratio;
            strongest = s.statistic;
        }
    }
    return strongest;
}

std::vector<double> WindowReport::driftScores(DriftStatistic statistic) const
{
    if (!result(statistic).tested)
        return {};
    const size_t n = sampleIds.size();
    std::vector<double> scores(n, 0.0);
    const auto z = [&](size_t i, int value) {
        const double sd = referenceStd[size_t(value)];
        return sd > 0 ? (sampleValues[i][size_t(value)] - referenceMean[size_t(value)]) / sd : 0.0;
    };
    switch (statistic) {
    case DriftStatistic::EmbeddingMmd:
        return mmd.witness;
    case DriftStatistic::Brightness:
    case DriftStatistic::Contrast:
    case DriftStatistic::InkArea:
    case DriftStatistic::Sharpness: {
        const int value = int(propertyOf(statistic));
        for (size_t i = 0; i < n; ++i)
            scores[i] = std::abs(z(i, value));
        break;
    }
    case DriftStatistic::Confidence:
    case DriftStatistic::SoftmaxKs: {
        const int value = statistic == DriftStatistic::Confidence ? ConfidenceValue : SoftmaxValue;
        const double direction = windowMean[size_t(value)] >= referenceMean[size_t(value)] ? 1.0 : -1.0;
        for (size_t i = 0; i < n; ++i)
            scores[i] = direction * z(i, value);
        break;
    }
    case DriftStatistic::PredictedClasses:
        for (size_t i = 0; i < n; ++i) {
            const int c = samplePredicted[i];
            if (c < 0 || size_t(c) >= classCounts.size())
                continue;
            const double windowShare = double(classCounts[size_t(c)]) / double(std::max<qint64>(1, samples));
            const double referenceShare = referenceClassShares[size_t(c)];
            scores[i] = referenceShare > 0 ? windowShare / referenceShare : windowShare * double(std::max<qint64>(1, samples));
        }
        break;
    }
    return scores;
}

std::vector<qint64> WindowReport::idsByDrift(std::optional<DriftStatistic> statistic) const
{
    if (!statistic)
        statistic = strongestDrift();
    const std::vector<double> scores = statistic ? driftScores(*statistic) : std::vector<double>();
    std::vector<size_t> order(sampleIds.size());
    std::iota(order.begin(), order.end(), 0);
    const auto score = [&](size_t i) { return i < scores.size() ? scores[i] : 0.0; };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (score(a) != score(b))
            return score(a) > score(b);
        return sampleIds[a] > sampleIds[b];
    });
    std::vector<qint64> ids;
    ids.reserve(order.size());
    for (size_t i : order)
        ids.push_back(sampleIds[i]);
    return ids;
}

QJsonObject WindowReport::toJson(const QStringList &classNames) const
{
    const auto className = [&](int c) { return classNames.value(c, QString::number(c)); };
    QJsonArray stats;
    for (const StatisticResult &s : statistics)
        stats.append(QJsonObject{{QStringLiteral("statistic"), driftStatisticKey(s.statistic)},
                                 {QStringLiteral("tested"), s.tested},
                                 {QStringLiteral("value"), s.tested ? number(s.value) : QJsonValue()},
                                 {QStringLiteral("pValue"), s.tested ? number(s.pValue) : QJsonValue()},
                                 {QStringLiteral("threshold"), s.tested ? number(s.threshold) : QJsonValue()},
                                 {QStringLiteral("alert"), s.alert}});
    QJsonArray softmaxJson;
    for (size_t c = 0; c < softmax.size(); ++c)
        softmaxJson.append(QJsonObject{{QStringLiteral("class"), className(int(c))},
                                       {QStringLiteral("d"), softmax[c].statistic},
                                       {QStringLiteral("pValue"), softmax[c].pValue},
                                       {QStringLiteral("exact"), softmax[c].exact}});
    QJsonArray names, counts, shares;
    for (size_t c = 0; c < classCounts.size(); ++c) {
        names.append(className(int(c)));
        counts.append(classCounts[c]);
        shares.append(c < referenceClassShares.size() ? referenceClassShares[c] : 0.0);
    }
    const auto doubles = [](const std::vector<double> &v) {
        QJsonArray a;
        for (double x : v)
            a.append(x);
        return a;
    };
    QJsonObject properties;
    for (ImageProperty p : allImageProperties())
        properties.insert(imagePropertyKey(p), QJsonObject{{QStringLiteral("window"), windowMean[size_t(p)]},
                                                           {QStringLiteral("reference"), referenceMean[size_t(p)]}});
    const std::optional<DriftStatistic> strongest = strongestDrift();
    QJsonObject json{
        {QStringLiteral("window"), QJsonObject{{QStringLiteral("samples"), samples},
                                               {QStringLiteral("firstSample"), firstSampleId},
                                               {QStringLiteral("lastSample"), lastSampleId},
                                               {QStringLiteral("from"), from.isValid() ? toSqlTime(from) : QString()},
                                               {QStringLiteral("to"), to.isValid() ? toSqlTime(to) : QString()}}},
        {QStringLiteral("tested"), tested},
        {QStringLiteral("alpha"), alpha},
        {QStringLiteral("threshold"), threshold},
        {QStringLiteral("alert"), hasAlert()},
        {QStringLiteral("statistics"), stats},
        {QStringLiteral("softmax"), softmaxJson},
        {QStringLiteral("classes"), QJsonObject{{QStringLiteral("names"), names},
                                                {QStringLiteral("window"), counts},
                                                {QStringLiteral("reference"), shares},
                                                {QStringLiteral("jensenShannon"), jensenShannon}}},
        {QStringLiteral("confidence"), QJsonObject{{QStringLiteral("window"), doubles(confidenceHistogram)},
                                                   {QStringLiteral("reference"), doubles(referenceConfidenceHistogram)}}},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("accuracy"), QJsonObject{{QStringLiteral("estimated"), optionalJson(estimatedAccuracy)},
                                                 {QStringLiteral("reference"), optionalJson(referenceAccuracy)},
                                                 {QStringLiteral("labeled"), labeled.labeled},
                                                 {QStringLiteral("correct"), labeled.correct},
                                                 {QStringLiteral("real"), optionalJson(labeled.accuracy())}}},
        {QStringLiteral("strongestDrift"), strongest ? QJsonValue(driftStatisticKey(*strongest)) : QJsonValue()}};
    if (result(DriftStatistic::EmbeddingMmd).tested)
        json.insert(QStringLiteral("mmd"), QJsonObject{{QStringLiteral("bandwidth"), mmd.bandwidth},
                                                       {QStringLiteral("permutations"), mmd.permutations},
                                                       {QStringLiteral("windowPoints"), mmd.windowPoints},
                                                       {QStringLiteral("referencePoints"), mmd.referencePoints}});
    return json;
}

WindowReport compareWindow(const ReferenceProfile &reference, const Observations &window, const DriftOptions &options,
                           const CancelFlag *cancel)
{
    if (window.size() > 0 && window.numClasses != reference.numClasses())
        throw UsageError(QStringLiteral("the window's model predicts %1 classes, the reference's %2")
                             .arg(window.numClasses).arg(reference.numClasses()));
    WindowReport r;
    r.alpha = options.alpha;
    r.samples = window.size();
    r.sampleIds = window.ids;
    for (DriftStatistic s : allDriftStatistics())
        r.statistics.push_back(StatisticResult{s, false, 0, 1, 0, false});
    if (!window.ids.empty()) {
        r.firstSampleId = *std::min_element(window.ids.begin(), window.ids.end());
        r.lastSampleId = *std::max_element(window.ids.begin(), window.ids.end());
    }
    if (!window.times.empty()) {
        const auto [first, last] = std::minmax_element(window.times.begin(), window.times.end());
        r.from = *first;
        r.to = last->addMSecs(1);
    }

    // What every window shows, tested or not: classes, confidence, properties, accuracy.
    const size_t k = size_t(reference.numClasses());
    r.classCounts.assign(k, 0);
    for (int p : window.predicted)
        if (p >= 0 && size_t(p) < k)
            ++r.classCounts[size_t(p)];
    std::vector<double> windowShares(k), referenceShares(k);
    for (size_t c = 0; c < k; ++c) {
        windowShares[c] = double(r.classCounts[c]);
        referenceShares[c] = double(reference.classCounts()[c]) / double(reference.size());
    }
    r.referenceClassShares = referenceShares;
    r.jensenShannon = window.size() > 0 ? jensenShannonDistance(windowShares, referenceShares) : 0.0;
    const std::vector<double> confidences = window.confidences();
    r.confidenceHistogram = histogram(confidences, options.histogramBins);
    r.referenceConfidenceHistogram = reference.confidenceHistogram(options.histogramBins);
    const bool properties = reference.hasProperties() && window.hasProperties();
    if (reference.atc()) {
        r.referenceAccuracy = reference.atc()->referenceAccuracy;
        r.estimatedAccuracy = atcEstimate(*reference.atc(), confidences);
    }
    r.labeled = labeledAccuracy(window.truth.size() == window.predicted.size() ? window.truth
                                                                               : std::vector<int>(window.predicted.size(), -1),
                                window.predicted);
    // The per-sample values behind the drift scores, their window means and the reference's
    // (once softmaxClass is known).
    const auto fillValues = [&] {
        const size_t n = size_t(window.size());
        r.samplePredicted = window.predicted;
        r.sampleValues.assign(n, {});
        for (size_t i = 0; i < n; ++i) {
            auto &v = r.sampleValues[i];
            if (properties)
                for (ImageProperty p : allImageProperties())
                    v[size_t(p)] = propertyValue(window.properties[i], p);
            v[WindowReport::ConfidenceValue] = confidences[i];
            v[WindowReport::SoftmaxValue] = double(window.probabilities[i * k + size_t(r.softmaxClass)]);
            for (size_t j = 0; j < v.size(); ++j)
                r.windowMean[j] += v[j] / double(n);
        }
        for (ImageProperty p : allImageProperties()) {
            r.referenceMean[size_t(p)] = reference.propertyMean(p);
            r.referenceStd[size_t(p)] = reference.propertyStd(p);
        }
        r.referenceMean[WindowReport::ConfidenceValue] = reference.confidenceMean();
        r.referenceStd[WindowReport::ConfidenceValue] = reference.confidenceStd();
        r.referenceMean[WindowReport::SoftmaxValue] = reference.probabilityMean(r.softmaxClass);
        r.referenceStd[WindowReport::SoftmaxValue] = reference.probabilityStd(r.softmaxClass);
    };
    if (window.size() < std::max<qsizetype>(2, options.minimumSamples)) {
        fillValues();
        return r;
    }

    const bool embeddings = reference.mmd() && window.hasEmbeddings() && window.embeddingSize == reference.embeddingSize();
    int tested = 0;
    for (StatisticResult &s : r.statistics) {
        s.tested = s.statistic == DriftStatistic::EmbeddingMmd ? embeddings : isPropertyStatistic(s.statistic) ? properties : true;
        tested += s.tested;
    }
    r.tested = true;
    r.threshold = options.alpha / double(tested);
    const auto set = [&](DriftStatistic statistic, double value, double p) {
        for (StatisticResult &s : r.statistics)
            if (s.statistic == statistic) {
                s.value = value;
                s.pValue = p;
                s.threshold = r.threshold;
                s.alert = p < r.threshold;
            }
    };

    if (embeddings) {
        MmdOptions mmd;
        mmd.permutations = std::max(options.permutations, int(std::ceil(double(tested) / options.alpha)));
        mmd.seed = options.seed;
        mmd.windowSubsample = options.windowSubsample;
        r.mmd = reference.mmd()->test(window.embeddings.data(), window.size(), mmd, cancel);
        set(DriftStatistic::EmbeddingMmd, r.mmd.mmd2, r.mmd.pValue);
    }

    double smallestP = 1;
    std::vector<double> column(static_cast<size_t>(window.size()));
    for (size_t c = 0; c < k; ++c) {
        for (size_t i = 0; i < column.size(); ++i)
            column[i] = double(window.probabilities[i * k + c]);
        r.softmax.push_back(ksAgainst(column, reference.sortedProbabilities(int(c))));
        if (r.softmax.back().statistic > r.softmax[size_t(r.softmaxClass)].statistic)
            r.softmaxClass = int(c);
        smallestP = std::min(smallestP, r.softmax.back().pValue);
    }
    set(DriftStatistic::SoftmaxKs, r.softmax[size_t(r.softmaxClass)].statistic, bonferroni(smallestP, int(k)));

    if (properties) {
        for (DriftStatistic s : allDriftStatistics()) {
            if (!isPropertyStatistic(s))
                continue;
            const ImageProperty p = propertyOf(s);
            for (size_t i = 0; i < column.size(); ++i)
                column[i] = propertyValue(window.properties[i], p);
            const KsResult ks = ksAgainst(column, reference.sortedProperty(p));
            set(s, ks.statistic, ks.pValue);
        }
    }

    const ChiSquaredResult chi = chiSquaredHomogeneity(r.classCounts, reference.classCounts());
    set(DriftStatistic::PredictedClasses, chi.statistic, chi.pValue);
    const KsResult confidence = ksAgainst(confidences, reference.sortedConfidences());
    set(DriftStatistic::Confidence, confidence.statistic, confidence.pValue);
    if (cancel && cancel->isCancelled())
        throw Cancelled();
    fillValues();
    return r;
}

} // namespace mlwb
