// Stored per-sample evaluations, the selections the Evaluate page shows, and McNemar's test.
#include "common/Error.h"
#include "evaluation/EvaluationSamples.h"
#include "evaluation/McNemar.h"
#include "evaluation/SampleSelection.h"

#include <QtTest>
#include <cmath>

using namespace mlwb;

namespace {

// Six samples of three classes with chosen probabilities:
//   pos truth probabilities      predicted
//   0   0     .8 .1 .1           0  right
//   1   1     .6 .3 .1           0  wrong, confident .6, true .3
//   2   2     .1 .2 .7           2  right
//   3   0     .2 .7 .1           1  wrong, confident .7, true .2
//   4   1     .45 .4 .15         0  wrong, confident .45, true .4 (smallest margin)
//   5   2     .3 .6 .1           1  wrong, confident .6, true .1
EvaluationResult sixSamples()
{
    EvaluationResult r;
    r.indices = {10, 11, 12, 13, 14, 15};
    r.truth = {0, 1, 2, 0, 1, 2};
    r.probabilities = {.8f, .1f, .1f, .6f, .3f, .1f, .1f, .2f, .7f, .2f, .7f, .1f, .45f, .4f, .15f, .3f, .6f, .1f};
    r.embeddingSize = 2;
    r.embeddings = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    r.predicted = {0, 0, 2, 1, 0, 1};
    r.report = classificationReport(r.truth, r.predicted, 3);
    return r;
}

std::vector<qsizetype> positions(std::initializer_list<qsizetype> list) { return list; }

} // namespace

class TestEvaluationSamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsEverySample()
    {
        const EvaluationResult r = sixSamples();
        const EvaluationResult back = decodeEvaluationSamples(encodeEvaluationSamples(r), QStringLiteral("t.eval"));
        QCOMPARE(back.indices, r.indices);
        QCOMPARE(back.truth, r.truth);
        QCOMPARE(back.predicted, r.predicted);
        QCOMPARE(back.probabilities, r.probabilities);
        QCOMPARE(back.embeddingSize, 2);
        QCOMPARE(back.embeddings, r.embeddings);
        QCOMPARE(back.report.confusion, r.report.confusion);
        QCOMPARE(back.report.macroF1, r.report.macroF1);
        QCOMPARE(back.failures.size(), size_t(4));
        QCOMPARE(back.failures.front().index, qint64(13)); // most confident mistake
    }

    void damagedFilesAreRefusedWithTheirName_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray good = encodeEvaluationSamples(sixSamples());
        QByteArray badMagic = good;
        badMagic[0] = 'X';
        QTest::newRow("magic") << badMagic << QStringLiteral("not an mlwb evaluation file");
        QTest::newRow("truncated") << good.left(good.size() - 1) << QStringLiteral("need");
        QTest::newRow("extra bytes") << good + QByteArray(4, '\0') << QStringLiteral("need");
        QByteArray hugeCount = good;
        const qint64 n = qint64(1) << 60;
        std::memcpy(hugeCount.data() + 16, &n, 8);
        QTest::newRow("sample count lies") << hugeCount << QStringLiteral("need");
        QByteArray zeroClasses = good;
        std::memset(zeroClasses.data() + 8, 0, 4);
        QTest::newRow("no classes") << zeroClasses << QStringLiteral("class count 0");
        QByteArray badLabel = good;
        const qint32 label = 7;
        std::memcpy(badLabel.data() + 24 + 6 * 8, &label, 4);
        QTest::newRow("label outside") << badLabel << QStringLiteral("label 7");
        QByteArray nan = good;
        const float notANumber = std::nanf("");
        std::memcpy(nan.data() + 24 + 6 * 8 + 6 * 4, &notANumber, 4);
        QTest::newRow("nan probability") << nan << QStringLiteral("not a finite number");
    }

    void damagedFilesAreRefusedWithTheirName()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            decodeEvaluationSamples(bytes, QStringLiteral("/w/evaluations/m.eval"));
            QFAIL("a damaged file was accepted");
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("/w/evaluations/m.eval: ")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        }
    }

    void cellSelectsExactlyThatCell()
    {
        const EvaluationResult r = sixSamples();
        QCOMPARE(cellPositions(r, 1, 0), positions({1, 4}));
        QCOMPARE(cellPositions(r, 0, 0), positions({0}));
        QCOMPARE(cellPositions(r, 2, 0), positions({}));
        QCOMPARE(cellPositions(r, 0, std::nullopt), positions({0, 3})); // a row header
        QCOMPARE(cellPositions(r, std::nullopt, 1), positions({3, 5})); // a column header
    }

    void failureOrders()
    {
        const EvaluationResult r = sixSamples();
        // .7 (3), .6 (1), .6 (5), .45 (4): ties keep the position order.
        QCOMPARE(failurePositions(r, FailureOrder::MostConfident), positions({3, 1, 5, 4}));
        // margins: 3: .5, 1: .3, 5: .5, 4: .05
        QCOMPARE(failurePositions(r, FailureOrder::LowestMargin), positions({4, 1, 3, 5}));
        // true-class probabilities: 3: .2, 1: .3, 5: .1, 4: .4
        QCOMPARE(failurePositions(r, FailureOrder::LowestTrueProbability), positions({5, 3, 1, 4}));
        QCOMPARE(failurePositions(r, FailureOrder::MostConfident, 1), positions({1, 4}));
        QCOMPARE(failurePositions(r, FailureOrder::MostConfident, std::nullopt, 1), positions({3, 5}));
        QCOMPARE(failurePositions(r, FailureOrder::MostConfident, 2, 1), positions({5}));
    }

    void labelErrorRankingPutsTheLeastBelievedLabelFirst()
    {
        const EvaluationResult r = sixSamples();
        QCOMPARE(labelErrorRanking(r), positions({5, 3, 1, 4, 2, 0}));
        QCOMPARE(labelErrorRanking(r, 2), positions({5, 3}));
        QCOMPARE(trueProbability(r, 5), double(.1f));
    }

    void mcnemarMatchesHandComputedValues()
    {
        // b = 1, c = 5: P(X <= 1) for Binomial(6, 1/2) = (1 + 6) / 64, two-sided 14/64.
        QCOMPARE(mcnemarExactP(1, 5), 14.0 / 64.0);
        QCOMPARE(mcnemarExactP(5, 1), 14.0 / 64.0);
        // b = 0, c = 10: 2 / 1024.
        QVERIFY(std::abs(mcnemarExactP(0, 10) - 2.0 / 1024.0) < 1e-12);
        QCOMPARE(mcnemarExactP(0, 0), 1.0);
        QCOMPARE(mcnemarExactP(3, 3), 1.0);
        // Large counts stay finite and tiny for a clear difference, near 1 for none.
        QVERIFY(mcnemarExactP(100, 300) < 1e-20);
        QVERIFY(mcnemarExactP(2000, 2010) > 0.8);
    }

    void pairedOutcomeCountsWhoWasRight()
    {
        const std::vector<int> truth{0, 1, 2, 0, 1, 2, 0};
        const std::vector<int> a{0, 1, 0, 1, 1, 1, 2};
        const std::vector<int> b{0, 2, 2, 0, 0, 1, 1};
        const PairedOutcome o = pairedOutcome(truth, a, b);
        QCOMPARE(o.bothRight, qint64(1));  // 0
        QCOMPARE(o.onlyA, qint64(2));      // 1, 4
        QCOMPARE(o.onlyB, qint64(2));      // 2, 3
        QCOMPARE(o.bothWrong, qint64(2));  // 5, 6
        QCOMPARE(o.disagreements, qint64(5)); // 1, 2, 3, 4, 6
        QCOMPARE(o.pValue, 1.0);
        QVERIFY_THROWS_EXCEPTION(UsageError, pairedOutcome(truth, a, {0}));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationSamples)
#include "test_evaluation_samples.moc"
