#include "production/LabelQueue.h"

#include "common/Error.h"
#include "models/ModelFiles.h"
#include "registry/ModelRegistry.h"
#include "store/Workspace.h"

#include <QSet>

#include <algorithm>
#include <map>
#include <cmath>
#include <numeric>

namespace mlwb {

namespace {

struct OrderName {
    QueueOrder order;
    const char *name;
};
constexpr OrderName kOrderNames[] = {
    {QueueOrder::Margin, "margin"},   {QueueOrder::Entropy, "entropy"}, {QueueOrder::LeastConfidence, "confidence"},
    {QueueOrder::Newest, "newest"},   {QueueOrder::Oldest, "oldest"},   {QueueOrder::Disagreement, "disagreement"},
};

// The two largest values of a probability vector.
std::pair<float, float> topTwo(const std::vector<float> &p)
{
    float first = 0, second = 0;
    for (float v : p) {
        if (v > first) {
            second = first;
            first = v;
        } else if (v > second) {
            second = v;
        }
    }
    return {first, second};
}

// The candidate's probabilities for every sample, in batches.
std::vector<std::vector<float>> candidateProbabilities(const Workspace &workspace, const LabelQueueOptions &options,
                                                       const QList<ProductionSample> &samples, const CancelFlag *cancel)
{
    if (options.candidateModelId <= 0)
        throw UsageError(QStringLiteral("the disagreement order needs a candidate model"));
    const ModelVersion model = ModelRegistry(workspace).require(options.candidateModelId);
    const QString dir = workspace.absolute(model.path);
    const ModelInfo info = readModelInfo(dir);
    std::unique_ptr<Classifier> classifier = loadClassifier(dir, options.threads);

    std::vector<std::vector<float>> result(size_t(samples.size()));
    const qsizetype imageBytes = qsizetype(info.channels) * info.height * info.width;
    constexpr qsizetype kBatch = 256;
    std::vector<float> pixels, probabilities;
    std::vector<qsizetype> batch; // positions in `samples`
    auto flush = [&] {
        if (batch.empty())
            return;
        probabilities.resize(size_t(batch.size() * classifier->numClasses()));
        classifier->predict(pixels.data(), qsizetype(batch.size()), probabilities.data());
        for (size_t i = 0; i < batch.size(); ++i) {
            const float *row = probabilities.data() + i * size_t(classifier->numClasses());
            result[size_t(batch[i])].assign(row, row + classifier->numClasses());
        }
        batch.clear();
        pixels.clear();
    };
    for (qsizetype i = 0; i < samples.size(); ++i) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        const ProductionSample &s = samples[i];
        // A sample of another geometry or class count than the candidate's has nothing to compare.
        if (qsizetype(s.input.size()) != imageBytes || s.channels != info.channels || s.height != info.height
            || s.width != info.width || int(s.probabilities.size()) != classifier->numClasses())
            continue;
        for (std::uint8_t v : s.input)
            pixels.push_back(float(v) / 255.0f);
        batch.push_back(i);
        if (qsizetype(batch.size()) == kBatch)
            flush();
    }
    flush();
    return result;
}

int argmax(const std::vector<float> &p)
{
    return p.empty() ? -1 : int(std::max_element(p.begin(), p.end()) - p.begin());
}

} // namespace

QString queueOrderName(QueueOrder order)
{
    for (const OrderName &n : kOrderNames)
        if (n.order == order)
            return QString::fromLatin1(n.name);
    return {};
}

std::optional<QueueOrder> queueOrderFromString(const QString &text)
{
    for (const OrderName &n : kOrderNames)
        if (text == QLatin1String(n.name))
            return n.order;
    return std::nullopt;
}

double uncertaintyScore(QueueOrder order, const std::vector<float> &p)
{
    switch (order) {
    case QueueOrder::Margin: {
        const auto [first, second] = topTwo(p);
        return 1.0 - (double(first) - double(second));
    }
    case QueueOrder::Entropy: {
        double h = 0;
        for (float v : p)
            if (v > 0)
                h -= double(v) * std::log(double(v));
        return h;
    }
    case QueueOrder::LeastConfidence:
        return 1.0 - double(topTwo(p).first);
    default:
        return 0;
    }
}

double disagreementScore(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        return 1.0;
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += std::abs(double(a[i]) - double(b[i]));
    return sum / 2;
}

std::vector<float> duplicateFeature(const std::uint8_t *input, int channels, int height, int width)
{
    constexpr int kCells = 14;
    std::vector<float> feature(size_t(kCells * kCells), 0.0f);
    if (!input || channels <= 0 || height <= 0 || width <= 0)
        return feature;
    // Cell (r, c) covers rows [r·H/14, (r+1)·H/14) and the same for columns, at least one pixel
    // each: smaller images repeat pixels.
    double mean = 0;
    for (int r = 0; r < kCells; ++r) {
        const int y0 = std::min(r * height / kCells, height - 1), y1 = std::max(y0 + 1, (r + 1) * height / kCells);
        for (int c = 0; c < kCells; ++c) {
            const int x0 = std::min(c * width / kCells, width - 1), x1 = std::max(x0 + 1, (c + 1) * width / kCells);
            double sum = 0;
            for (int ch = 0; ch < channels; ++ch)
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x)
                        sum += input[(qsizetype(ch) * height + y) * width + x];
            const double value = sum / (double(channels) * (y1 - y0) * (x1 - x0));
            feature[size_t(r * kCells + c)] = float(value);
            mean += value;
        }
    }
    mean /= double(feature.size());
    double norm = 0;
    for (float &v : feature) {
        v = float(v - mean);
        norm += double(v) * v;
    }
    norm = std::sqrt(norm);
    for (float &v : feature)
        v = norm > 1e-9 ? float(v / norm) : 0.0f;
    return feature;
}

double featureSimilarity(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        return 0;
    double dot = 0;
    for (size_t i = 0; i < a.size(); ++i)
        dot += double(a[i]) * b[i];
    return dot;
}

LabelQueue buildLabelQueue(const Workspace &workspace, const LabelQueueOptions &options, const CancelFlag *cancel)
{
    SampleFilter filter = options.filter;
    filter.labelState = SampleFilter::LabelState::Unlabeled;
    filter.offset = 0;
    filter.limit = std::max<qint64>(0, options.scanLimit);
    filter.newestFirst = true;

    const SampleStore store(workspace);
    LabelQueue queue;
    queue.unlabeled = store.count(filter);
    QList<ProductionSample> samples = store.list(filter);
    if (cancel && cancel->isCancelled())
        throw Cancelled();

    // Scores: larger comes first. Time orders use the position (newest first as listed).
    std::vector<double> scores(size_t(samples.size()), 0.0);
    std::vector<std::vector<float>> candidate;
    switch (options.order) {
    case QueueOrder::Margin:
    case QueueOrder::Entropy:
    case QueueOrder::LeastConfidence:
        for (qsizetype i = 0; i < samples.size(); ++i)
            scores[size_t(i)] = uncertaintyScore(options.order, samples[i].probabilities);
        break;
    case QueueOrder::Disagreement:
        candidate = candidateProbabilities(workspace, options, samples, cancel);
        for (qsizetype i = 0; i < samples.size(); ++i)
            scores[size_t(i)] = candidate[size_t(i)].empty()
                ? -1.0 // nothing to compare: last
                : disagreementScore(samples[i].probabilities, candidate[size_t(i)]);
        break;
    case QueueOrder::Newest:
    case QueueOrder::Oldest:
        break;
    }

    std::vector<qsizetype> order(size_t(samples.size()));
    std::iota(order.begin(), order.end(), qsizetype(0));
    if (options.order == QueueOrder::Oldest)
        std::reverse(order.begin(), order.end());
    else if (options.order != QueueOrder::Newest)
        // Stable: equal scores keep the listing's newest-first order.
        std::stable_sort(order.begin(), order.end(),
                         [&](qsizetype a, qsizetype b) { return scores[size_t(a)] > scores[size_t(b)]; });

    // The queue's samples so far, for the near-duplicate test: their images, and their features
    // by predicted class (near duplicates get the same answer; comparing within a class keeps
    // the cost at about queue length² / classes dot products).
    QSet<QString> keptImages;
    std::map<int, std::vector<std::vector<float>>> keptFeatures;
    const qint64 length = std::max<qint64>(0, options.length);
    for (qsizetype position : order) {
        if (qint64(queue.samples.size()) >= length)
            break;
        const ProductionSample &s = samples[position];
        if (options.skipNearDuplicates) {
            if (cancel && cancel->isCancelled())
                throw Cancelled();
            if (keptImages.contains(s.imageHash)) {
                ++queue.duplicatesHidden;
                continue;
            }
            std::vector<float> feature = duplicateFeature(s.input.data(), s.channels, s.height, s.width);
            std::vector<std::vector<float>> &sameClass = keptFeatures[s.predicted];
            const bool twin = std::any_of(sameClass.begin(), sameClass.end(), [&](const std::vector<float> &k) {
                return featureSimilarity(k, feature) >= options.duplicateSimilarity;
            });
            if (twin) {
                ++queue.duplicatesHidden;
                continue;
            }
            keptImages.insert(s.imageHash);
            sameClass.push_back(std::move(feature));
        }
        queue.samples << s;
        queue.scores.push_back(scores[size_t(position)]);
        if (options.order == QueueOrder::Disagreement)
            queue.candidatePredicted.push_back(argmax(candidate[size_t(position)]));
    }
    return queue;
}

} // namespace mlwb
