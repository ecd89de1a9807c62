#include "common/Error.h"
#include "evaluation/Evaluator.h"
#include "evaluation/GaussianNoise.h"
#include "unit/evaluation/BrightnessClassifier.h"

#include <QtTest>

using namespace mlwb;

namespace {

constexpr int kClasses = 4;

// 40 images of 1×4×4 pixels, label i % 4. Each image's mean brightness sits at the centre
// of its label's band, except every fifth image (i % 5 == 0), which sits at the next
// class's centre: those 8 the brightness model gets wrong.
int bandOf(int i)
{
    return i % 5 == 0 ? (i % kClasses + 1) % kClasses : i % kClasses;
}

Dataset makeData()
{
    Dataset d;
    d.height = d.width = 4;
    d.classNames = {QStringLiteral("dark"), QStringLiteral("dim"), QStringLiteral("light"), QStringLiteral("bright")};
    for (int i = 0; i < 40; ++i) {
        const int base = int(std::lround(255.0 * (bandOf(i) + 0.5) / kClasses));
        for (int p = 0; p < 16; ++p)
            d.pixels.push_back(std::uint8_t(base + (p % 2 ? 10 : -10))); // mean stays at base
        d.labels.push_back(std::uint8_t(i % kClasses));
        d.subsets.push_back(std::uint8_t(Subset::Test));
    }
    return d;
}

// Every sample but those with i % 7 == 3, backwards: evaluation must keep this order.
std::vector<qint64> someIndices()
{
    std::vector<qint64> indices;
    for (int i = 39; i >= 0; --i)
        if (i % 7 != 3)
            indices.push_back(i);
    return indices;
}

} // namespace

class TestEvaluator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void evaluateWithBrightnessModel()
    {
        const Dataset data = makeData();
        const std::vector<qint64> indices = someIndices();
        BrightnessClassifier model(kClasses, data.imageBytes());
        const EvaluationResult r = evaluate(model, data, indices, 7, 3);

        std::vector<int> truth, expected;
        for (const qint64 i : indices) {
            truth.push_back(int(i % kClasses));
            expected.push_back(bandOf(int(i)));
        }
        QCOMPARE(r.indices, indices);
        QCOMPARE(r.truth, truth);
        QCOMPARE(r.predicted, expected);
        QCOMPARE(r.numClasses(), kClasses);

        const ClassificationReport byHand = classificationReport(truth, expected, kClasses);
        QVERIFY(r.report.confusion == byHand.confusion);
        QCOMPARE(r.report.accuracy, byHand.accuracy);
        QCOMPARE(r.report.macroF1, byHand.macroF1);
        QCOMPARE(r.report.confusion.total() - r.report.confusion.correct(), qint64(7)); // 0 5 15 20 25 30 35 (10 is left out)

        // Probabilities are the model's own, row for row, for pixels scaled to [0, 1].
        QCOMPARE(r.probabilities.size(), indices.size() * kClasses);
        std::vector<float> image(16), row(kClasses);
        for (size_t j = 0; j < indices.size(); ++j) {
            for (int p = 0; p < 16; ++p)
                image[size_t(p)] = float(data.image(indices[j])[p]) / 255.0f;
            model.scores(image.data(), row.data());
            for (int c = 0; c < kClasses; ++c)
                QCOMPARE(r.probabilities[j * kClasses + size_t(c)], row[size_t(c)]);
        }
        QCOMPARE(model.seen.size(), indices.size() * 16);
        QCOMPARE(model.seen[16 * 2 + 5], float(data.image(indices[2])[5]) / 255.0f);

        // The three most confident mistakes, from the model's own probabilities.
        std::vector<std::pair<double, qint64>> mistakes; // (-confidence, position) sorts best first
        for (size_t j = 0; j < indices.size(); ++j)
            if (expected[j] != truth[j])
                mistakes.emplace_back(-double(r.probabilities[j * kClasses + size_t(expected[j])]), qint64(j));
        std::sort(mistakes.begin(), mistakes.end());
        QCOMPARE(r.failures.size(), size_t(3));
        for (size_t f = 0; f < 3; ++f) {
            const size_t j = size_t(mistakes[f].second);
            QCOMPARE(r.failures[f].index, indices[j]);
            QCOMPARE(r.failures[f].trueLabel, truth[j]);
            QCOMPARE(r.failures[f].predicted, expected[j]);
            QCOMPARE(r.failures[f].confidence, -mistakes[f].first);
            QCOMPARE(r.failures[f].top3[0].first, expected[j]);
        }
        // Edge bands have one neighbour, so their mistakes are the most confident.
        QVERIFY(r.failures[0].predicted == 0 || r.failures[0].predicted == kClasses - 1);
    }

    void batchSizeChangesNothing()
    {
        const Dataset data = makeData();
        const std::vector<qint64> indices = someIndices();
        BrightnessClassifier whole(kClasses, 16), single(kClasses, 16), odd(kClasses, 16);
        const EvaluationResult a = evaluate(whole, data, indices, 500);
        const EvaluationResult b = evaluate(single, data, indices, 1);
        const EvaluationResult c = evaluate(odd, data, indices, 6);
        QCOMPARE(whole.calls, 1);
        QCOMPARE(single.calls, int(indices.size()));
        QCOMPARE(single.largestBatch, qsizetype(1));
        QCOMPARE(odd.calls, int((indices.size() + 5) / 6));
        QCOMPARE(odd.largestBatch, qsizetype(6));
        QCOMPARE(b.probabilities, a.probabilities);
        QCOMPARE(c.probabilities, a.probabilities);
        QCOMPARE(c.predicted, a.predicted);
    }

    void progressAndCancel()
    {
        const Dataset data = makeData();
        const std::vector<qint64> indices = someIndices(); // 34 samples
        BrightnessClassifier model(kClasses, 16);
        std::vector<std::pair<qint64, qint64>> reports;
        evaluate(model, data, indices, 10, 100, [&](qint64 done, qint64 total) { reports.emplace_back(done, total); });
        const qint64 n = qint64(indices.size());
        QCOMPARE(reports, (std::vector<std::pair<qint64, qint64>>{{10, n}, {20, n}, {30, n}, {n, n}}));

        CancelFlag cancel;
        cancel.cancel();
        BrightnessClassifier untouched(kClasses, 16);
        QVERIFY_THROWS_EXCEPTION(Cancelled, evaluate(untouched, data, indices, 10, 100, {}, &cancel));
        QCOMPARE(untouched.calls, 0);

        cancel.reset();
        BrightnessClassifier once(kClasses, 16);
        QVERIFY_THROWS_EXCEPTION(Cancelled, evaluate(once, data, indices, 10, 100,
                                                     [&](qint64, qint64) { cancel.cancel(); }, &cancel));
        QCOMPARE(once.calls, 1);
    }

    void emptyIndices()
    {
        const Dataset data = makeData();
        BrightnessClassifier model(kClasses, 16);
        const EvaluationResult r = evaluate(model, data, {});
        QCOMPARE(model.calls, 0);
        QCOMPARE(r.numClasses(), kClasses);
        QCOMPARE(r.report.accuracy, 0.0);
        QVERIFY(r.failures.empty());
    }

    void badInput_data()
    {
        QTest::addColumn<int>("modelClasses");
        QTest::addColumn<bool>("dropNames");
        QTest::addColumn<bool>("dropPixels");
        QTest::addColumn<std::vector<qint64>>("indices");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<int>("failureLimit");
        QTest::addColumn<bool>("usage");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("model has other classes") << 3 << false << false << std::vector<qint64>{0} << 10 << 5 << false
                                                 << "model predicts 3 classes but the data set has 4";
        QTest::newRow("index past the end") << 4 << false << false << std::vector<qint64>{0, 40} << 10 << 5 << false
                                            << "sample index 40";
        QTest::newRow("negative index") << 4 << false << false << std::vector<qint64>{-1} << 10 << 5 << false
                                        << "sample index -1";
        QTest::newRow("label outside the model") << 2 << true << false << std::vector<qint64>{0, 1, 2} << 10 << 5 << false
                                                 << "sample 2 has label 2";
        QTest::newRow("pixels missing") << 4 << false << true << std::vector<qint64>{0} << 10 << 5 << false
                                        << "639 bytes of pixels for 40 images of 1×4×4";
        QTest::newRow("zero batch") << 4 << false << false << std::vector<qint64>{0} << 0 << 5 << true << "batch size";
        QTest::newRow("negative failure limit") << 4 << false << false << std::vector<qint64>{0} << 10 << -1 << true
                                                << "limit";
    }
    void badInput()
    {
        QFETCH(int, modelClasses);
        QFETCH(bool, dropNames);
        QFETCH(bool, dropPixels);
        QFETCH(std::vector<qint64>, indices);
        QFETCH(int, batchSize);
        QFETCH(int, failureLimit);
        QFETCH(bool, usage);
        QFETCH(QString, mentions);
        Dataset data = makeData();
        if (dropNames)
            data.classNames.clear();
        if (dropPixels)
            data.pixels.pop_back();
        BrightnessClassifier model(modelClasses, 16);
        try {
            evaluate(model, data, indices, batchSize, failureLimit);
            QFAIL("no exception");
        } catch (const UsageError &e) {
            QVERIFY2(usage, qPrintable(e.message()));
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        } catch (const Error &e) {
            QVERIFY2(!usage, qPrintable(e.message()));
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
        QCOMPARE(model.calls, 0); // checked before any work
    }

    void resultJson()
    {
        const Dataset data = makeData();
        BrightnessClassifier model(kClasses, 16);
        const EvaluationResult r = evaluate(model, data, someIndices(), 500, 2);
        const QJsonObject json = r.toJson(data.classNames);
        QCOMPARE(json.value(QStringLiteral("samples")).toInteger(), qint64(someIndices().size()));
        QCOMPARE(json.value(QStringLiteral("report")).toObject().value(QStringLiteral("accuracy")).toDouble(),
                 r.report.accuracy);
        const QJsonArray failures = json.value(QStringLiteral("failures")).toArray();
        QCOMPARE(failures.size(), 2);
        QCOMPARE(failures[0].toObject().value(QStringLiteral("trueName")).toString(), QStringLiteral("bright"));
        QVERIFY(!json.contains(QStringLiteral("probabilities")));
    }

    void noiseIsStandardNormalAndSeeded()
    {
        GaussianNoise a(42), b(42), c(43);
        double sum = 0, squares = 0;
        int differ = 0;
        const int n = 200000;
        for (int i = 0; i < n; ++i) {
            const double z = a.next();
            QCOMPARE(b.next(), z);
            differ += c.next() != z;
            sum += z;
            squares += z * z;
        }
        const double mean = sum / n, variance = squares / n - mean * mean;
        QVERIFY2(std::abs(mean) < 0.01, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(variance - 1) < 0.02, qPrintable(QString::number(variance)));
        QCOMPARE(differ, n);
    }
};

QTEST_GUILESS_MAIN(TestEvaluator)
#include "test_evaluator.moc"
