// The Label page's queue: the scores behind each order, the thumbnail feature that hides near
// duplicates, and buildLabelQueue on real stored samples (a tiny real model as the candidate).
#include "unit/learning/SyntheticData.h"

#include "common/Error.h"
#include "models/ModelFiles.h"
#include "production/LabelQueue.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/Workspace.h"
#include "training/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace mlwb;

namespace {

using Image = std::vector<std::uint8_t>;

// A side×side single-channel image with `on` wherever inside(y, x).
template <typename Inside>
Image draw(int side, Inside inside, std::uint8_t on = 255)
{
    Image image(size_t(side * side), 0);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            if (inside(y, x))
                image[size_t(y * side + x)] = on;
    return image;
}

std::vector<float> featureOf(const Image &image, int side) { return duplicateFeature(image.data(), 1, side, side); }
double similarity(const Image &a, const Image &b, int side = 28)
{
    return featureSimilarity(featureOf(a, side), featureOf(b, side));
}

// 28×28 "digits": a stroke 1 and a ring 0, as a canvas drawing would give them.
Image digitOne() { return draw(28, [](int y, int x) { return y >= 4 && y < 24 && x >= 12 && x < 16; }); }
Image digitZero()
{
    return draw(28, [](int y, int x) {
        const double dx = (x - 13.5) / 7.0, dy = (y - 13.5) / 10.0, r = dx * dx + dy * dy;
        return r >= 0.5 && r <= 1.0;
    });
}

// The image with Gaussian noise of `sigma` (in [0, 1] units) on every pixel: a re-sent photo.
Image noisy(Image image, double sigma, quint32 seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> delta(0.0, sigma * 255.0);
    for (std::uint8_t &v : image)
        v = std::uint8_t(std::clamp(int(std::lround(v + delta(rng))), 0, 255));
    return image;
}

// A 28×28 image of 7×7 random bright and dark blocks: different seeds give unrelated images.
Image blocks(quint32 seed)
{
    std::mt19937 rng(seed);
    std::vector<bool> bright(49);
    for (size_t i = 0; i < bright.size(); ++i)
        bright[i] = rng() % 2;
    return draw(28, [&](int y, int x) { return bright[size_t(y / 4 * 7 + x / 4)]; }, 230);
}

int argmax(const std::vector<float> &p) { return int(std::max_element(p.begin(), p.end()) - p.begin()); }

const QDateTime kStart = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

NewSample sampleOf(const Image &input, const std::vector<float> &probabilities, int minute,
                   SampleSource source = SampleSource::Api)
{
    NewSample n;
    n.sample.source = source;
    n.sample.input = input;
    n.sample.probabilities = probabilities;
    n.sample.predicted = argmax(probabilities);
    n.sample.created = kStart.addSecs(60 * minute);
    return n;
}

QList<qint64> idsOf(const LabelQueue &queue)
{
    QList<qint64> ids;
    for (const ProductionSample &s : queue.samples)
        ids << s.id;
    return ids;
}

bool close(double a, double b, double tolerance = 1e-6) { return std::abs(a - b) <= tolerance; }

} // namespace

class TestLabelQueue : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;

    QList<qint64> add(std::vector<NewSample> samples) const { return SampleStore(*m_workspace).add(std::move(samples)); }

    LabelQueue build(QueueOrder order, bool skipNearDuplicates = true) const
    {
        LabelQueueOptions options;
        options.order = order;
        options.skipNearDuplicates = skipNearDuplicates;
        return buildLabelQueue(*m_workspace, options);
    }

    // Six samples whose three uncertainty orders all differ (scores worked out by hand below),
    // made in the order D A B E C F, one minute apart.
    QList<qint64> addUncertaintyFixture() const
    {
        std::vector<NewSample> batch;
        batch.push_back(sampleOf(blocks(4), {0.7f, 0.1f, 0.1f, 0.1f}, 0));    // D
        batch.push_back(sampleOf(blocks(1), {0.5f, 0.5f, 0.0f, 0.0f}, 1));    // A
        batch.push_back(sampleOf(blocks(2), {0.4f, 0.2f, 0.2f, 0.2f}, 2));    // B
        batch.push_back(sampleOf(blocks(5), {0.45f, 0.3f, 0.15f, 0.1f}, 3));  // E
        batch.push_back(sampleOf(blocks(3), {0.34f, 0.33f, 0.33f, 0.0f}, 4)); // C
        batch.push_back(sampleOf(blocks(6), {0.4f, 0.2f, 0.2f, 0.2f}, 5));    // F: B's twin in scores, newer
        for (size_t i = 0; i < batch.size(); ++i)
            for (size_t j = i + 1; j < batch.size(); ++j)
                if (similarity(batch[i].sample.input, batch[j].sample.input) > 0.9)
                    qFatal("the fixture's images %zu and %zu look alike", i, j);
        return add(batch);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        static int n = 0;
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
    }

    void orderNamesRoundTrip()
    {
        const QStringList names = {QStringLiteral("margin"), QStringLiteral("entropy"), QStringLiteral("confidence"),
                                   QStringLiteral("newest"), QStringLiteral("oldest"), QStringLiteral("disagreement")};
        const QList<QueueOrder> orders = {QueueOrder::Margin, QueueOrder::Entropy, QueueOrder::LeastConfidence,
                                          QueueOrder::Newest, QueueOrder::Oldest, QueueOrder::Disagreement};
        for (qsizetype i = 0; i < orders.size(); ++i) {
            QCOMPARE(queueOrderName(orders[i]), names[i]);
            QCOMPARE(queueOrderFromString(names[i]), std::optional<QueueOrder>(orders[i]));
        }
        QVERIFY(!queueOrderFromString(QStringLiteral("random")));
        QVERIFY(!queueOrderFromString(QString()));
    }

    void uncertaintyScoresByHand()
    {
        const std::vector<float> p = {0.1f, 0.6f, 0.3f}; // the top two are not the first two
        QVERIFY(close(uncertaintyScore(QueueOrder::Margin, p), 0.7));           // 1 − (0.6 − 0.3)
        QVERIFY(close(uncertaintyScore(QueueOrder::Entropy, p), 0.8979457));    // −Σ p ln p
        QVERIFY(close(uncertaintyScore(QueueOrder::LeastConfidence, p), 0.4));  // 1 − 0.6

        const std::vector<float> uniform(4, 0.25f);
        QVERIFY(close(uncertaintyScore(QueueOrder::Margin, uniform), 1.0));
        QVERIFY(close(uncertaintyScore(QueueOrder::Entropy, uniform), std::log(4.0)));
        QVERIFY(close(uncertaintyScore(QueueOrder::LeastConfidence, uniform), 0.75));

        const std::vector<float> sure = {0.0f, 0.0f, 1.0f}; // 0·ln 0 counts as 0
        QVERIFY(close(uncertaintyScore(QueueOrder::Margin, sure), 0.0));
        QVERIFY(close(uncertaintyScore(QueueOrder::Entropy, sure), 0.0));
        QVERIFY(close(uncertaintyScore(QueueOrder::LeastConfidence, sure), 0.0));

        const std::vector<float> tied = {0.45f, 0.1f, 0.45f}; // two equal tops: no margin at all
        QVERIFY(close(uncertaintyScore(QueueOrder::Margin, tied), 1.0));
        QVERIFY(close(uncertaintyScore(QueueOrder::Entropy, tied), 0.9489154));
        QVERIFY(close(uncertaintyScore(QueueOrder::LeastConfidence, tied), 0.55));
    }

    void disagreementIsTotalVariation()
    {
        const std::vector<float> a = {0.5f, 0.5f, 0.0f}, b = {0.0f, 0.5f, 0.5f};
        QVERIFY(close(disagreementScore(a, b), 0.5));
        QVERIFY(close(disagreementScore(b, a), 0.5));
        QVERIFY(close(disagreementScore(a, a), 0.0));
        QVERIFY(close(disagreementScore({1.0f, 0.0f}, {0.0f, 1.0f}), 1.0));
        QVERIFY(close(disagreementScore({0.7f, 0.2f, 0.1f}, {0.4f, 0.4f, 0.2f}), 0.3)); // ½(0.3 + 0.2 + 0.1)
    }

    void duplicateFeatureIsANormalisedThumbnail()
    {
        // 14×14 cells, zero for a blank or plain image (nothing to correlate).
        for (const std::uint8_t shade : {std::uint8_t(0), std::uint8_t(200)}) {
            const std::vector<float> plain = featureOf(Image(28 * 28, shade), 28);
            QCOMPARE(plain.size(), size_t(196));
            QVERIFY(std::all_of(plain.begin(), plain.end(), [](float v) { return v == 0.0f; }));
            QCOMPARE(featureSimilarity(plain, featureOf(digitOne(), 28)), 0.0);
        }

        // One bright pixel of a 14×14 image: that cell sqrt(195/196), every other −1/sqrt(195·196).
        const std::vector<float> dot = featureOf(draw(14, [](int y, int x) { return y == 3 && x == 9; }), 14);
        QVERIFY(close(dot[3 * 14 + 9], std::sqrt(195.0 / 196.0)));
        for (size_t i = 0; i < dot.size(); ++i)
            if (i != 3 * 14 + 9)
                QVERIFY(close(dot[i], -1.0 / std::sqrt(195.0 * 196.0)));

        // Mean removed, unit length: self-similarity 1, the inverted image −1, and brightness or
        // contrast changes do not matter.
        const Image one = digitOne();
        const std::vector<float> f = featureOf(one, 28);
        QVERIFY(close(std::accumulate(f.begin(), f.end(), 0.0), 0.0, 1e-5));
        QVERIFY(close(featureSimilarity(f, f), 1.0, 1e-5));
        Image inverted = one, dimmer = one;
        for (std::uint8_t &v : inverted)
            v = std::uint8_t(255 - v);
        for (std::uint8_t &v : dimmer)
            v = std::uint8_t(40 + v / 2);
        QVERIFY(close(similarity(one, inverted), -1.0, 1e-5));
        QVERIFY(close(similarity(one, dimmer), 1.0, 1e-5));

        // The same picture at 14×14, 28×28 and 56×56 has the same feature.
        auto pattern = [](int side) {
            return draw(side, [side](int y, int x) { return ((y * 14 / side) + 3 * (x * 14 / side)) % 5 < 2; });
        };
        QVERIFY(close(featureSimilarity(featureOf(pattern(14), 14), featureOf(pattern(28), 28)), 1.0, 1e-5));
        QVERIFY(close(featureSimilarity(featureOf(pattern(14), 14), featureOf(pattern(56), 56)), 1.0, 1e-5));

        // All channels together: a top-bright and a bottom-bright channel add up to a plain image.
        Image twoChannels = draw(28, [](int y, int) { return y < 14; });
        const Image bottom = draw(28, [](int y, int) { return y >= 14; });
        twoChannels.insert(twoChannels.end(), bottom.begin(), bottom.end());
        const std::vector<float> sum = duplicateFeature(twoChannels.data(), 2, 28, 28);
        QVERIFY(std::all_of(sum.begin(), sum.end(), [](float v) { return std::abs(v) < 1e-6f; }));
        Image sameTwice = draw(28, [](int y, int) { return y < 14; });
        sameTwice.insert(sameTwice.end(), sameTwice.begin(), sameTwice.end());
        QVERIFY(close(featureSimilarity(duplicateFeature(sameTwice.data(), 2, 28, 28),
                                        featureOf(draw(28, [](int y, int) { return y < 14; }), 28)),
                      1.0, 1e-5));

        QCOMPARE(featureSimilarity(f, std::vector<float>(10, 0.1f)), 0.0); // different sizes
    }

    void similarityFindsNearDuplicates()
    {
        // The header's promise: a copy with noise σ = 0.05 stays above 0.99; another digit does not.
        for (quint32 seed = 1; seed <= 5; ++seed) {
            const double s = similarity(digitOne(), noisy(digitOne(), 0.05, seed));
            QVERIFY2(s >= 0.99, qPrintable(QStringLiteral("a noisy 1 is only %1 like the 1").arg(s)));
        }
        const double apart = similarity(digitOne(), digitZero());
        QVERIFY2(apart < 0.5, qPrintable(QStringLiteral("the 0 is %1 like the 1").arg(apart)));
    }

    void onlyUnlabeledSamplesThatPassTheFilter()
    {
        std::vector<NewSample> batch;
        const std::vector<float> three = {0.1f, 0.0f, 0.0f, 0.8f, 0.1f, 0.0f}, five = {0.1f, 0.0f, 0.0f, 0.1f, 0.0f, 0.8f};
        batch.push_back(sampleOf(blocks(1), three, 0, SampleSource::Api));
        batch.push_back(sampleOf(blocks(2), three, 1, SampleSource::Folder));
        batch.push_back(sampleOf(blocks(3), five, 2, SampleSource::Canvas));
        batch.push_back(sampleOf(blocks(4), five, 3, SampleSource::Api));    // labeled below
        batch.push_back(sampleOf(blocks(5), three, 4, SampleSource::Api));   // discarded below
        batch.push_back(sampleOf(blocks(6), five, 5, SampleSource::Folder));
        const QList<qint64> id = add(batch);
        SampleStore(*m_workspace).setLabel(id[3], 5, false, QStringLiteral("ada"));
        SampleStore(*m_workspace).setLabel(id[4], std::nullopt, true, QStringLiteral("ada"));

        LabelQueueOptions options;
        options.order = QueueOrder::Newest;
        LabelQueue queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[5], id[2], id[1], id[0]}));
        QCOMPARE(queue.unlabeled, 4);
        QCOMPARE(queue.scores, std::vector<double>(4, 0.0)); // time orders have no score
        QVERIFY(queue.candidatePredicted.empty());
        QCOMPARE(queue.duplicatesHidden, 0);

        // A label state in the filter is overridden: the queue is always the unlabeled ones.
        options.filter.labelState = SampleFilter::LabelState::Labeled;
        QCOMPARE(idsOf(buildLabelQueue(*m_workspace, options)), (QList<qint64>{id[5], id[2], id[1], id[0]}));
        options.filter = {};

        options.filter.source = SampleSource::Folder;
        queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[5], id[1]}));
        QCOMPARE(queue.unlabeled, 2);

        options.filter = {};
        options.filter.predicted = 3;
        queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[1], id[0]}));
        QCOMPARE(queue.unlabeled, 2);

        options.filter = {};
        options.filter.from = kStart.addSecs(60); // from <= created < to
        options.filter.to = kStart.addSecs(5 * 60);
        queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[2], id[1]}));
        QCOMPARE(queue.unlabeled, 2);

        // Labelling one takes it out; taking the label back returns it.
        SampleStore(*m_workspace).setLabel(id[1], 3, false, QStringLiteral("ada"));
        QCOMPARE(idsOf(buildLabelQueue(*m_workspace, options)), (QList<qint64>{id[2]}));
        SampleStore(*m_workspace).setLabel(id[1], std::nullopt, false, QStringLiteral("ada"));
        QCOMPARE(idsOf(buildLabelQueue(*m_workspace, options)), (QList<qint64>{id[2], id[1]}));
    }

    void eachOrderOrdersAsDocumented()
    {
        const QList<qint64> id = addUncertaintyFixture();
        const qint64 D = id[0], A = id[1], B = id[2], E = id[3], C = id[4], F = id[5];
        // 1 − margin: A 1.0, C 0.99, E 0.85, B = F 0.8, D 0.4 (ties: newest first).
        QCOMPARE(idsOf(build(QueueOrder::Margin)), (QList<qint64>{A, C, E, F, B, D}));
        // entropy: B = F 1.332, E 1.235, C 1.099, D 0.941, A 0.693.
        QCOMPARE(idsOf(build(QueueOrder::Entropy)), (QList<qint64>{F, B, E, C, D, A}));
        // top probability: C 0.34, B = F 0.4, E 0.45, A 0.5, D 0.7.
        QCOMPARE(idsOf(build(QueueOrder::LeastConfidence)), (QList<qint64>{C, F, B, E, A, D}));
        QCOMPARE(idsOf(build(QueueOrder::Newest)), (QList<qint64>{F, C, E, B, A, D}));
        QCOMPARE(idsOf(build(QueueOrder::Oldest)), (QList<qint64>{D, A, B, E, C, F}));

        // Each sample's score is its order's uncertainty score.
        for (const QueueOrder order : {QueueOrder::Margin, QueueOrder::Entropy, QueueOrder::LeastConfidence}) {
            const LabelQueue queue = build(order);
            QCOMPARE(qsizetype(queue.scores.size()), queue.samples.size());
            QCOMPARE(queue.unlabeled, 6);
            QCOMPARE(queue.duplicatesHidden, 0);
            for (qsizetype i = 0; i < queue.samples.size(); ++i)
                QCOMPARE(queue.scores[size_t(i)], uncertaintyScore(order, queue.samples[i].probabilities));
        }
        QVERIFY(close(build(QueueOrder::Margin).scores.front(), 1.0));
        QVERIFY(close(build(QueueOrder::LeastConfidence).scores.back(), 0.3));
    }

    void lengthAndScanLimit()
    {
        const QList<qint64> id = addUncertaintyFixture();
        LabelQueueOptions options;
        options.order = QueueOrder::Margin;
        options.length = 2;
        LabelQueue queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[1], id[4]})); // A, C: the two most uncertain
        QCOMPARE(queue.unlabeled, 6);
        QCOMPARE(queue.scores.size(), size_t(2));

        // Only the newest scanLimit samples are looked at, but all are counted.
        options.length = 5000;
        options.scanLimit = 3;
        options.order = QueueOrder::Oldest;
        queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[3], id[4], id[5]}));
        QCOMPARE(queue.unlabeled, 6);
    }

    void nearDuplicatesAreHiddenAndCounted()
    {
        const Image x = blocks(100), y = blocks(200), z = blocks(300);
        const Image twinOfX = noisy(x, 0.05, 7), otherTwinOfX = noisy(x, 0.05, 8);
        QVERIFY(similarity(x, twinOfX) >= 0.99);
        QVERIFY(similarity(x, otherTwinOfX) >= 0.99);
        QVERIFY(similarity(x, y) < 0.9 && similarity(x, z) < 0.9 && similarity(y, z) < 0.9);

        std::vector<NewSample> batch;                              // 1 − margin, predicted
        batch.push_back(sampleOf(x, {0.9f, 0.1f}, 0));             // 0.2, 0
        batch.push_back(sampleOf(y, {0.7f, 0.3f}, 1));             // 0.6, 0
        batch.push_back(sampleOf(twinOfX, {0.5f, 0.5f}, 2));       // 1.0, 0
        batch.push_back(sampleOf(z, {0.6f, 0.4f}, 3));             // 0.8, 0
        batch.push_back(sampleOf(z, {0.4f, 0.6f}, 4));             // 0.8, 1: the same image again
        batch.push_back(sampleOf(otherTwinOfX, {0.35f, 0.65f}, 5)); // 0.7, 1: like x, another answer
        const QList<qint64> id = add(batch);

        // The first of a pair in queue order stays. The same image is a duplicate whatever the
        // answer; a look-alike only with the same predicted class.
        LabelQueue queue = build(QueueOrder::Margin);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[2], id[4], id[5], id[1]}));
        QCOMPARE(queue.duplicatesHidden, 2); // z (same image as the newer one), x (like its twin)
        QCOMPARE(queue.unlabeled, 6);
        QCOMPARE(queue.scores.size(), size_t(4));
        QVERIFY(close(queue.scores[2], 0.7));

        queue = build(QueueOrder::Oldest);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[0], id[1], id[3], id[5]}));
        QCOMPARE(queue.duplicatesHidden, 2);

        queue = build(QueueOrder::Margin, false);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[2], id[4], id[3], id[5], id[1], id[0]}));
        QCOMPARE(queue.duplicatesHidden, 0);

        // Above any possible similarity: only the repeated image is hidden.
        LabelQueueOptions strict;
        strict.duplicateSimilarity = 1.01;
        queue = buildLabelQueue(*m_workspace, strict);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[2], id[4], id[5], id[1], id[0]}));
        QCOMPARE(queue.duplicatesHidden, 1);

        // Once the kept twin is labeled, the hidden one comes back.
        SampleStore(*m_workspace).setLabel(id[2], 0, false, QStringLiteral("ada"));
        queue = build(QueueOrder::Margin);
        QCOMPARE(idsOf(queue), (QList<qint64>{id[4], id[5], id[1], id[0]}));
        QCOMPARE(queue.duplicatesHidden, 1);
        QCOMPARE(queue.unlabeled, 5);
    }

    void disagreementNeedsACandidate()
    {
        add({sampleOf(blocks(1), {0.5f, 0.5f}, 0)});
        LabelQueueOptions options;
        options.order = QueueOrder::Disagreement;
        QVERIFY_THROWS_EXCEPTION(UsageError, buildLabelQueue(*m_workspace, options));
        options.candidateModelId = 4242; // no such model version
        QVERIFY_THROWS_EXCEPTION(UsageError, buildLabelQueue(*m_workspace, options));
    }

    void cancelStops()
    {
        addUncertaintyFixture();
        CancelFlag cancel;
        cancel.cancel();
        LabelQueueOptions options;
        QVERIFY_THROWS_EXCEPTION(Cancelled, buildLabelQueue(*m_workspace, options, &cancel));
    }

    void disagreementRanksWhereTheCandidateDiffersMost()
    {
        // A real candidate: the tiny network trained briefly on the four synthetic shapes.
        const DatasetPtr shapes = testing::syntheticShapes(30);
        Trainer trainer(shapes, testing::tinyTrainSettings(m_dir.path(), 2, 16, 1),
                        m_workspace->root() + QStringLiteral("/runs/candidate"));
        CancelFlag never;
        const TrainResult trained = trainer.run(never, {}, false);
        NewModel model;
        model.architecture = QStringLiteral("tiny");
        model.parameterCount = trained.parameterCount;
        const ModelVersion candidate = ModelRegistry(*m_workspace).registerModel(model, trained.modelDir);

        // What the candidate answers for four shapes of different classes.
        const int n = 4;
        std::vector<Image> inputs;
        std::vector<float> pixels;
        for (int i = 0; i < n; ++i) {
            const std::uint8_t *p = shapes->image(i);
            inputs.emplace_back(p, p + shapes->imageBytes());
            for (qsizetype k = 0; k < shapes->imageBytes(); ++k)
                pixels.push_back(float(p[k]) / 255.0f);
        }
        std::vector<float> answers(size_t(n * 4));
        loadClassifier(m_workspace->absolute(candidate.path), 1)->predict(pixels.data(), n, answers.data());
        std::vector<std::vector<float>> q;
        for (int i = 0; i < n; ++i)
            q.emplace_back(answers.begin() + i * 4, answers.begin() + (i + 1) * 4);

        // Production's stored answers: the same, the candidate's least likely class for sure,
        // half-way between those, and no idea at all.
        auto oneHotAtLeast = [](const std::vector<float> &p) {
            std::vector<float> h(4, 0.0f);
            h[size_t(std::min_element(p.begin(), p.end()) - p.begin())] = 1.0f;
            return h;
        };
        std::vector<std::vector<float>> production(n);
        production[0] = q[0];
        production[1] = oneHotAtLeast(q[1]);
        production[2] = oneHotAtLeast(q[2]);
        for (size_t k = 0; k < 4; ++k)
            production[2][k] = 0.5f * production[2][k] + 0.5f * q[2][k];
        production[3] = std::vector<float>(4, 0.25f);

        std::vector<NewSample> batch;
        for (int i = 0; i < n; ++i)
            batch.push_back(sampleOf(inputs[size_t(i)], production[size_t(i)], i));
        const QList<qint64> id = add(batch);

        std::vector<double> expected(n, 0.0);
        for (size_t i = 0; i < size_t(n); ++i)
            expected[i] = disagreementScore(production[i], q[i]);
        QVERIFY(close(expected[0], 0.0));
        QVERIFY(expected[1] > 0.5);
        QVERIFY(close(expected[2], disagreementScore(oneHotAtLeast(q[2]), q[2]) / 2, 1e-5));
        std::vector<int> rank(n, 0);
        std::iota(rank.begin(), rank.end(), 0);
        std::sort(rank.begin(), rank.end(), [&](int a, int b) { return expected[size_t(a)] > expected[size_t(b)]; });
        for (int i = 1; i < n; ++i)
            QVERIFY2(expected[size_t(rank[i - 1])] - expected[size_t(rank[i])] > 1e-3, "scores too close to rank");

        LabelQueueOptions options;
        options.order = QueueOrder::Disagreement;
        options.candidateModelId = candidate.id;
        options.skipNearDuplicates = false;
        options.threads = 1;
        const LabelQueue queue = buildLabelQueue(*m_workspace, options);
        QCOMPARE(queue.samples.size(), n);
        QCOMPARE(queue.unlabeled, n);
        QCOMPARE(queue.candidatePredicted.size(), size_t(n));
        QCOMPARE(queue.samples.back().id, id[0]); // agreeing with production: last
        for (int i = 0; i < n; ++i) {
            const int s = rank[size_t(i)];
            QCOMPARE(queue.samples[i].id, id[s]);
            QVERIFY2(close(queue.scores[size_t(i)], expected[size_t(s)], 1e-4),
                     qPrintable(QStringLiteral("sample %1: score %2, expected %3")
                                    .arg(s).arg(queue.scores[size_t(i)]).arg(expected[size_t(s)])));
            QCOMPARE(queue.candidatePredicted[size_t(i)], argmax(q[size_t(s)]));
        }
    }
};

QTEST_GUILESS_MAIN(TestLabelQueue)
#include "test_label_queue.moc"
