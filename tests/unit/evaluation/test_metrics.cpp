#include "common/Error.h"
#include "evaluation/Metrics.h"

#include <QtTest>

using namespace mlwb;

namespace {

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

QString text(double a, double b)
{
    return QStringLiteral("got %1, expected %2").arg(a, 0, 'g', 17).arg(b, 0, 'g', 17);
}

#define COMPARE_NEAR(actual, expected) \
    QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral(#actual ": ") + text((actual), (expected))))

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void confusionCounts()
    {
        ConfusionMatrix m(3);
        m.add(0, 0);
        m.add(0, 2);
        m.add(0, 2);
        m.add(2, 1);
        QCOMPARE(m.numClasses(), 3);
        QCOMPARE(m.total(), qint64(4));
        QCOMPARE(m.at(0, 2), qint64(2)); // row = true class, column = prediction
        QCOMPARE(m.at(2, 0), qint64(0));
        QCOMPARE(m.at(2, 1), qint64(1));
        QCOMPARE(m.correct(), qint64(1));
        QCOMPARE(m.support(0), qint64(3));
        QCOMPARE(m.predictedCount(2), qint64(2));
        QVERIFY_THROWS_EXCEPTION(Error, m.add(3, 0));
        QVERIFY_THROWS_EXCEPTION(Error, m.add(0, -1));
        QVERIFY_THROWS_EXCEPTION(Error, m.at(0, 3));
        QCOMPARE(m.total(), qint64(4)); // a refused add counts nothing
    }

    void report_data()
    {
        QTest::addColumn<std::vector<int>>("truth");
        QTest::addColumn<std::vector<int>>("predicted");
        QTest::addColumn<int>("k");
        QTest::addColumn<std::vector<qint64>>("confusion"); // row-major, rows = true class
        QTest::addColumn<QList<double>>("precision");
        QTest::addColumn<QList<double>>("recall");
        QTest::addColumn<QList<double>>("f1");
        QTest::addColumn<std::vector<qint64>>("support");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("macroF1");
        QTest::addColumn<double>("weightedF1");

        QTest::newRow("perfect") << std::vector<int>{0, 1, 1} << std::vector<int>{0, 1, 1} << 2
                                 << std::vector<qint64>{1, 0, 0, 2} << QList<double>{1, 1} << QList<double>{1, 1}
                                 << QList<double>{1, 1} << std::vector<qint64>{1, 2} << 1.0 << 1.0 << 1.0;
        QTest::newRow("all wrong") << std::vector<int>{0, 0, 1} << std::vector<int>{1, 1, 0} << 2
                                   << std::vector<qint64>{0, 2, 1, 0} << QList<double>{0, 0} << QList<double>{0, 0}
                                   << QList<double>{0, 0} << std::vector<qint64>{2, 1} << 0.0 << 0.0 << 0.0;
        // Class 2 is never predicted: precision 0/0 -> 0, recall 0/2, F1 0.
        // Class 1: TP 2, predicted 4 -> P 1/2, R 1, F1 = 2·(1/2)/(3/2) = 2/3.
        // macro = (1 + 2/3 + 0)/3 = 5/9; weighted = (2·1 + 2·2/3 + 2·0)/6 = 5/9.
        QTest::newRow("class never predicted")
            << std::vector<int>{0, 0, 1, 1, 2, 2} << std::vector<int>{0, 0, 1, 1, 1, 1} << 3
            << std::vector<qint64>{2, 0, 0, 0, 2, 0, 0, 2, 0} << QList<double>{1, 0.5, 0}
            << QList<double>{1, 1, 0} << QList<double>{1, 2.0 / 3, 0} << std::vector<qint64>{2, 2, 2} << 4.0 / 6
            << 5.0 / 9 << 5.0 / 9;
        // Class 2 has no support but is predicted once: precision 0/1, recall 0/0 -> 0.
        // Class 0: P 1/1, R 1/2, F1 2/3. macro = (2/3 + 1 + 0)/3 = 5/9 (class 2 counted);
        // weighted = (2·2/3 + 2·1 + 0·0)/4 = 5/6.
        QTest::newRow("class with no support")
            << std::vector<int>{0, 0, 1, 1} << std::vector<int>{0, 2, 1, 1} << 3
            << std::vector<qint64>{1, 0, 1, 0, 2, 0, 0, 0, 0} << QList<double>{1, 1, 0} << QList<double>{0.5, 1, 0}
            << QList<double>{2.0 / 3, 1, 0} << std::vector<qint64>{2, 2, 0} << 0.75 << 5.0 / 9 << 5.0 / 6;
        // Class 2 absent from both: it still pulls the macro average down to 2/3.
        QTest::newRow("class absent entirely")
            << std::vector<int>{0, 1} << std::vector<int>{0, 1} << 3 << std::vector<qint64>{1, 0, 0, 0, 1, 0, 0, 0, 0}
            << QList<double>{1, 1, 0} << QList<double>{1, 1, 0} << QList<double>{1, 1, 0}
            << std::vector<qint64>{1, 1, 0} << 1.0 << 2.0 / 3 << 1.0;
        // Unbalanced: 6 of class 0, 3 of class 1, 1 of class 2.
        //   confusion  [5 1 0]   column sums 5 4 1
        //              [0 2 1]
        //              [0 1 0]
        // class 0: P 5/5 = 1,   R 5/6, F1 = 2·(5/6)/(11/6)       = 10/11
        // class 1: P 2/4 = 1/2, R 2/3, F1 = 2·(1/3)/(7/6)        = 4/7
        // class 2: P 0/1 = 0,   R 0/1, F1 = 0
        // accuracy = 7/10
        // macro    = (10/11 + 4/7 + 0)/3         = 114/231 = 38/77  ≈ 0.4935
        // weighted = (6·10/11 + 3·4/7 + 1·0)/10  = 552/770 = 276/385 ≈ 0.7169
        // The large class 0 is predicted well, so weighting by support lifts the score.
        QTest::newRow("unbalanced macro vs weighted")
            << std::vector<int>{0, 0, 0, 0, 0, 0, 1, 1, 1, 2} << std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1, 2, 1} << 3
            << std::vector<qint64>{5, 1, 0, 0, 2, 1, 0, 1, 0} << QList<double>{1, 0.5, 0}
            << QList<double>{5.0 / 6, 2.0 / 3, 0} << QList<double>{10.0 / 11, 4.0 / 7, 0}
            << std::vector<qint64>{6, 3, 1} << 0.7 << 38.0 / 77 << 276.0 / 385;
        QTest::newRow("empty") << std::vector<int>{} << std::vector<int>{} << 2 << std::vector<qint64>{0, 0, 0, 0}
                               << QList<double>{0, 0} << QList<double>{0, 0} << QList<double>{0, 0}
                               << std::vector<qint64>{0, 0} << 0.0 << 0.0 << 0.0;
    }
    void report()
    {
        QFETCH(std::vector<int>, truth);
        QFETCH(std::vector<int>, predicted);
        QFETCH(int, k);
        QFETCH(std::vector<qint64>, confusion);
        QFETCH(QList<double>, precision);
        QFETCH(QList<double>, recall);
        QFETCH(QList<double>, f1);
        QFETCH(std::vector<qint64>, support);
        QFETCH(double, accuracy);
        QFETCH(double, macroF1);
        QFETCH(double, weightedF1);

        const ClassificationReport r = classificationReport(truth, predicted, k);
        QCOMPARE(r.confusion.numClasses(), k);
        QCOMPARE(r.confusion.total(), qint64(truth.size()));
        for (int t = 0; t < k; ++t)
            for (int p = 0; p < k; ++p)
                QCOMPARE(r.confusion.at(t, p), confusion[size_t(t * k + p)]);
        QCOMPARE(r.perClass.size(), size_t(k));
        for (int c = 0; c < k; ++c) {
            const ClassMetrics &m = r.perClass[size_t(c)];
            COMPARE_NEAR(m.precision, precision[c]);
            COMPARE_NEAR(m.recall, recall[c]);
            COMPARE_NEAR(m.f1, f1[c]);
            QCOMPARE(m.support, support[size_t(c)]);
        }
        COMPARE_NEAR(r.accuracy, accuracy);
        COMPARE_NEAR(r.macroF1, macroF1);
        COMPARE_NEAR(r.weightedF1, weightedF1);
    }

    void badInput_data()
    {
        QTest::addColumn<std::vector<int>>("truth");
        QTest::addColumn<std::vector<int>>("predicted");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("usage");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no classes") << std::vector<int>{} << std::vector<int>{} << 0 << true << "0";
        QTest::newRow("sizes differ") << std::vector<int>{0, 1} << std::vector<int>{0} << 2 << true << "2 true labels";
        QTest::newRow("true label too big") << std::vector<int>{0, 2} << std::vector<int>{0, 1} << 2 << false
                                            << "sample 1: true class 2";
        QTest::newRow("negative prediction") << std::vector<int>{0, 1, 1} << std::vector<int>{0, 1, -1} << 2 << false
                                             << "predicted class -1";
    }
    void badInput()
    {
        QFETCH(std::vector<int>, truth);
        QFETCH(std::vector<int>, predicted);
        QFETCH(int, k);
        QFETCH(bool, usage);
        QFETCH(QString, mentions);
        try {
            classificationReport(truth, predicted, k);
            QFAIL("no exception");
        } catch (const UsageError &e) {
            QVERIFY2(usage, qPrintable(e.message()));
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        } catch (const Error &e) {
            QVERIFY2(!usage, qPrintable(e.message()));
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
    }

    void jsonRoundTrip()
    {
        const ClassificationReport r = classificationReport({0, 0, 0, 0, 0, 0, 1, 1, 1, 2},
                                                            {0, 0, 0, 0, 0, 1, 1, 1, 2, 1}, 3);
        const QStringList names{QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two")};
        const QJsonObject json = r.toJson(names);
        QCOMPARE(json.value(QStringLiteral("samples")).toInteger(), 10);
        COMPARE_NEAR(json.value(QStringLiteral("macroF1")).toDouble(), 38.0 / 77);
        const QJsonObject one = json.value(QStringLiteral("perClass")).toArray()[1].toObject();
        QCOMPARE(one.value(QStringLiteral("class")).toString(), QStringLiteral("one"));
        COMPARE_NEAR(one.value(QStringLiteral("recall")).toDouble(), 2.0 / 3);
        QCOMPARE(one.value(QStringLiteral("support")).toInteger(), 3);
        QCOMPARE(json.value(QStringLiteral("confusion")).toArray()[1].toArray()[2].toInteger(), 1);

        // Through text, as it would be stored.
        const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
        QStringList readNames;
        const ClassificationReport back = ClassificationReport::fromJson(reread, QStringLiteral("r.json"), &readNames);
        QCOMPARE(readNames, names);
        QVERIFY(back.confusion == r.confusion);
        QCOMPARE(back.accuracy, r.accuracy);
        QCOMPARE(back.macroF1, r.macroF1);
        QCOMPARE(back.weightedF1, r.weightedF1);
        QCOMPARE(back.perClass.size(), r.perClass.size());
        QCOMPARE(back.perClass[2].support, qint64(1));

        // Without names, the class index is the name.
        QCOMPARE(r.toJson({}).value(QStringLiteral("classes")).toArray()[2].toString(), QStringLiteral("2"));
        QVERIFY_THROWS_EXCEPTION(UsageError, r.toJson({QStringLiteral("only one")}));
        ClassificationReport handMade; // per-class rows missing
        handMade.confusion = ConfusionMatrix(2);
        QVERIFY_THROWS_EXCEPTION(UsageError, handMade.toJson({}));
    }

    void badJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no confusion") << QByteArray(R"({"classes":["a"]})") << "no \"confusion\"";
        QTest::newRow("not square") << QByteArray(R"({"classes":["a","b"],"confusion":[[1,2],[3]]})") << "row 1";
        QTest::newRow("negative count") << QByteArray(R"({"classes":["a","b"],"confusion":[[1,2],[-3,0]]})")
                                        << "cell (1, 0) is not a count: -3";
        QTest::newRow("fractional count") << QByteArray(R"({"classes":["a"],"confusion":[[1.5]]})") << "1.5";
        QTest::newRow("text count") << QByteArray(R"({"classes":["a"],"confusion":[["7"]]})") << "\"7\"";
        QTest::newRow("names missing") << QByteArray(R"({"confusion":[[1]]})") << "\"classes\"";
        QTest::newRow("too many names") << QByteArray(R"({"classes":["a","b"],"confusion":[[1]]})") << "1 class names";
        QTest::newRow("name not text") << QByteArray(R"({"classes":[3],"confusion":[[1]]})") << "not a string";
    }
    void badJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        QStringList names;
        try {
            ClassificationReport::fromJson(object, QStringLiteral("runs/7/report.json"), &names);
            QFAIL("no exception");
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("runs/7/report.json: ")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
