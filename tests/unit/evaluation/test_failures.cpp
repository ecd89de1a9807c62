#include "common/Error.h"
#include "evaluation/Failures.h"

#include <QtTest>

using namespace mlwb;

namespace {

using Top = std::pair<int, double>;

// Six samples over four classes; the comment after each row is what the model got.
const std::vector<float> kProbabilities{
    0.7f, 0.1f,  0.1f,  0.1f,  // index 10, true 0: right
    0.6f, 0.3f,  0.05f, 0.05f, // index 11, true 1: wrong, 0 at 0.6
    0.1f, 0.1f,  0.1f,  0.7f,  // index 12, true 2: wrong, 3 at 0.7
    0.25f, 0.25f, 0.25f, 0.25f, // index 13, true 3: a four-way tie goes to class 0: wrong at 0.25
    0.2f, 0.6f,  0.2f,  0.0f,  // index 14, true 0: wrong, 1 at 0.6 (as confident as index 11)
    0.0f, 0.0f,  0.1f,  0.9f,  // index 15, true 3: right
};
const std::vector<int> kTruth{0, 1, 2, 3, 0, 3};
const std::vector<qint64> kIndices{10, 11, 12, 13, 14, 15};

} // namespace

class TestFailures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void orderedByConfidenceInTheWrongAnswer()
    {
        const std::vector<FailureCase> f = failureCases(kProbabilities, 4, kTruth, kIndices, 100);
        QCOMPARE(f.size(), size_t(4));
        // 0.7 first; the two 0.6 keep their test-set order; the 0.25 tie last.
        QCOMPARE(f[0].index, qint64(12));
        QCOMPARE(f[1].index, qint64(11));
        QCOMPARE(f[2].index, qint64(14));
        QCOMPARE(f[3].index, qint64(13));

        QCOMPARE(f[0].trueLabel, 2);
        QCOMPARE(f[0].predicted, 3);
        QCOMPARE(f[0].confidence, double(0.7f));
        QCOMPARE(f[3].trueLabel, 3);
        QCOMPARE(f[3].predicted, 0);
        QCOMPARE(f[3].confidence, double(0.25f));
    }

    void top3MostProbableFirst()
    {
        const std::vector<FailureCase> f = failureCases(kProbabilities, 4, kTruth, kIndices, 100);
        using Top3 = std::array<Top, 3>;
        QCOMPARE(f[0].top3, (Top3{Top{3, double(0.7f)}, Top{0, double(0.1f)}, Top{1, double(0.1f)}}));
        QCOMPARE(f[1].top3, (Top3{Top{0, double(0.6f)}, Top{1, double(0.3f)}, Top{2, double(0.05f)}}));
        QCOMPARE(f[2].top3, (Top3{Top{1, double(0.6f)}, Top{0, double(0.2f)}, Top{2, double(0.2f)}}));
        QCOMPARE(f[3].top3, (Top3{Top{0, 0.25}, Top{1, 0.25}, Top{2, 0.25}}));
    }

    void fewerThanThreeClassesPadded()
    {
        const std::vector<FailureCase> f = failureCases({0.8f, 0.2f}, 2, {1}, {5}, 10);
        QCOMPARE(f.size(), size_t(1));
        QCOMPARE(f[0].top3[0], (Top{0, double(0.8f)}));
        QCOMPARE(f[0].top3[1], (Top{1, double(0.2f)}));
        QCOMPARE(f[0].top3[2], (Top{-1, 0.0}));
        // The padding does not reach the JSON.
        QCOMPARE(f[0].toJson({}).value(QStringLiteral("top3")).toArray().size(), 2);
    }

    void limitKeepsTheMostConfident()
    {
        const std::vector<FailureCase> two = failureCases(kProbabilities, 4, kTruth, kIndices, 2);
        QCOMPARE(two.size(), size_t(2));
        QCOMPARE(two[0].index, qint64(12));
        QCOMPARE(two[1].index, qint64(11));
        QVERIFY(failureCases(kProbabilities, 4, kTruth, kIndices, 0).empty());
    }

    void noMistakesNoFailures()
    {
        QVERIFY(failureCases({0.9f, 0.1f, 0.3f, 0.7f}, 2, {0, 1}, {0, 1}, 10).empty());
        QVERIFY(failureCases({}, 3, {}, {}, 10).empty());
    }

    void json()
    {
        const std::vector<FailureCase> f = failureCases(kProbabilities, 4, kTruth, kIndices, 1);
        const QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
        const QJsonArray array = failuresToJson(f, names);
        QCOMPARE(array.size(), 1);
        const QJsonObject o = array[0].toObject();
        QCOMPARE(o.value(QStringLiteral("index")).toInteger(), 12);
        QCOMPARE(o.value(QStringLiteral("true")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("trueName")).toString(), QStringLiteral("c"));
        QCOMPARE(o.value(QStringLiteral("predicted")).toInt(), 3);
        QCOMPARE(o.value(QStringLiteral("predictedName")).toString(), QStringLiteral("d"));
        QCOMPARE(o.value(QStringLiteral("confidence")).toDouble(), double(0.7f));
        const QJsonArray top = o.value(QStringLiteral("top3")).toArray();
        QCOMPARE(top.size(), 3);
        QCOMPARE(top[1].toObject().value(QStringLiteral("class")).toInt(), 0);
        QCOMPARE(top[1].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("a"));
        QCOMPARE(top[1].toObject().value(QStringLiteral("p")).toDouble(), double(0.1f));
        QVERIFY(!f[0].toJson({}).contains(QStringLiteral("trueName")));
    }

    void badInput_data()
    {
        QTest::addColumn<std::vector<float>>("probabilities");
        QTest::addColumn<int>("k");
        QTest::addColumn<std::vector<int>>("truth");
        QTest::addColumn<std::vector<qint64>>("indices");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("usage");
        QTest::newRow("rows too short") << std::vector<float>{0.5f, 0.5f, 1.0f} << 2 << std::vector<int>{0, 1}
                                        << std::vector<qint64>{0, 1} << 5 << true;
        QTest::newRow("indices missing") << std::vector<float>{0.5f, 0.5f, 1.0f, 0.0f} << 2 << std::vector<int>{0, 1}
                                         << std::vector<qint64>{0} << 5 << true;
        QTest::newRow("negative limit") << std::vector<float>{1.0f, 0.0f} << 2 << std::vector<int>{0}
                                        << std::vector<qint64>{0} << -1 << true;
        QTest::newRow("no classes") << std::vector<float>{} << 0 << std::vector<int>{} << std::vector<qint64>{} << 5
                                    << true;
        QTest::newRow("label outside classes") << std::vector<float>{1.0f, 0.0f} << 2 << std::vector<int>{2}
                                               << std::vector<qint64>{0} << 5 << false;
    }
    void badInput()
    {
        QFETCH(std::vector<float>, probabilities);
        QFETCH(int, k);
        QFETCH(std::vector<int>, truth);
        QFETCH(std::vector<qint64>, indices);
        QFETCH(int, limit);
        QFETCH(bool, usage);
        try {
            failureCases(probabilities, k, truth, indices, limit);
            QFAIL("no exception");
        } catch (const UsageError &e) {
            QVERIFY2(usage, qPrintable(e.message()));
        } catch (const Error &e) {
            QVERIFY2(!usage, qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestFailures)
#include "test_failures.moc"
