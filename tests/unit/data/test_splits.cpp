#include "common/Error.h"
#include "data/Splits.h"

#include <QtTest>

using namespace mlwb;

class TestSplits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameSplit()
    {
        Dataset d;
        d.classNames = {QStringLiteral("a"), QStringLiteral("b")};
        d.height = d.width = 1;
        for (int i = 0; i < 100; ++i) {
            d.pixels.push_back(std::uint8_t(i));
            d.labels.push_back(std::uint8_t(i % 2));
            d.subsets.push_back(std::uint8_t(i < 80 ? Subset::Train : Subset::Test));
        }
        const Splits a = makeSplits(d, 0.25, 7), b = makeSplits(d, 0.25, 7), c = makeSplits(d, 0.25, 8);
        QCOMPARE(a.validation, b.validation);
        QVERIFY(a.validation != c.validation);
        QCOMPARE(a.train.size(), size_t(60));
        QCOMPARE(a.validation.size(), size_t(20));
        QCOMPARE(a.test.size(), size_t(20));
        std::vector<qint64> all = a.train;
        all.insert(all.end(), a.validation.begin(), a.validation.end());
        std::sort(all.begin(), all.end());
        for (int i = 0; i < 80; ++i)
            QCOMPARE(all[size_t(i)], qint64(i));
    }
    void badFractionRefused()
    {
        Dataset d;
        QVERIFY_THROWS_EXCEPTION(UsageError, makeSplits(d, 1.0, 1));
        QVERIFY_THROWS_EXCEPTION(UsageError, makeSplits(d, -0.1, 1));
    }
};

QTEST_GUILESS_MAIN(TestSplits)
#include "test_splits.moc"
