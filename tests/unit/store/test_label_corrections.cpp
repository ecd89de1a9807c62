#include "common/Error.h"
#include "store/LabelCorrectionStore.h"
#include "store/Workspace.h"
#include "unit/store/StoreFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using mlwb::testing::storeTinyDataset;

class TestLabelCorrections : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    WorkspacePtr m_ws;
    QString m_dataset; // "tiny": 4 images, classes a and b

    // The message of the UsageError that `work` throws (empty when it throws none).
    template <typename Work>
    static QString refusal(Work &&work)
    {
        try {
            work();
        } catch (const UsageError &e) {
            return e.message();
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(m_dir.path() + QStringLiteral("/ws") + QString::number(QRandomGenerator::global()->generate()));
        m_dataset = storeTinyDataset(*m_ws, QStringLiteral("tiny"), 0);
    }

    void setsAndReadsBack()
    {
        const LabelCorrectionStore store(*m_ws);
        QVERIFY(!store.correction(m_dataset, 1));
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        store.correct(m_dataset, 1, 0, QStringLiteral("ada"));

        const std::optional<LabelCorrection> c = store.correction(m_dataset, 1);
        QVERIFY(c);
        QCOMPARE(c->datasetId, m_dataset);
        QCOMPARE(c->sampleIndex, 1);
        QCOMPARE(c->label, 0);
        QCOMPARE(c->by, QStringLiteral("ada"));
        QVERIFY(c->at.isValid());
        QVERIFY(c->at >= before);
        QCOMPARE(c->toJson().value(QStringLiteral("label")).toInt(), 0);
        QCOMPARE(c->toJson().value(QStringLiteral("index")).toInteger(), 1);
        QVERIFY(!store.correction(m_dataset, 0)); // only the image corrected
    }

    void replacesTheEarlierCorrection()
    {
        const LabelCorrectionStore store(*m_ws);
        store.correct(m_dataset, 2, 1, QStringLiteral("ada"));
        store.correct(m_dataset, 2, 0, QStringLiteral("bob"));
        const QList<LabelCorrection> all = store.list(m_dataset);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].label, 0);
        QCOMPARE(all[0].by, QStringLiteral("bob"));
    }

    void nulloptTakesItBack()
    {
        const LabelCorrectionStore store(*m_ws);
        store.correct(m_dataset, 3, 0, {});
        store.correct(m_dataset, 0, 1, {});
        store.correct(m_dataset, 3, std::nullopt, {});
        QVERIFY(!store.correction(m_dataset, 3));
        QCOMPARE(store.list(m_dataset).size(), 1);
        QVERIFY(store.correction(m_dataset, 0));
        store.correct(m_dataset, 3, std::nullopt, {}); // taking back nothing is harmless
        QCOMPARE(store.list(m_dataset).size(), 1);
    }

    void listsBySampleIndexPerDataset()
    {
        const QString other = storeTinyDataset(*m_ws, QStringLiteral("other"), 7);
        const LabelCorrectionStore store(*m_ws);
        store.correct(m_dataset, 3, 1, {});
        store.correct(m_dataset, 0, 0, {});
        store.correct(other, 1, 1, {});
        store.correct(m_dataset, 2, 1, {});

        QList<qint64> indices;
        for (const LabelCorrection &c : store.list(m_dataset)) {
            QCOMPARE(c.datasetId, m_dataset);
            indices << c.sampleIndex;
        }
        QCOMPARE(indices, (QList<qint64>{0, 2, 3}));
        QCOMPARE(store.list(other).size(), 1);
        QVERIFY(!store.correction(other, 3));
    }

    void refusesWhatDoesNotFit()
    {
        const LabelCorrectionStore store(*m_ws);
        store.correct(m_dataset, 1, 1, QStringLiteral("ada"));

        const QString unknown = refusal([&] { store.correct(QStringLiteral("feedfacefeedface"), 0, 0, {}); });
        QVERIFY2(unknown.contains(QStringLiteral("feedfacefeedface")), qPrintable(unknown));

        for (const qint64 index : {qint64(-1), qint64(4), qint64(1000)}) {
            const QString message = refusal([&] { store.correct(m_dataset, index, 0, {}); });
            QVERIFY2(message.contains(QStringLiteral("tiny")), qPrintable(message));
            QVERIFY2(message.contains(QString::number(index)), qPrintable(message));
        }
        for (const int label : {-1, 2}) {
            const QString message = refusal([&] { store.correct(m_dataset, 1, label, {}); });
            QVERIFY2(message.contains(QStringLiteral("tiny")), qPrintable(message));
            QVERIFY2(message.contains(QString::number(label)), qPrintable(message));
        }
        // An index outside the data set cannot be "taken back" either.
        QVERIFY(!refusal([&] { store.correct(m_dataset, 4, std::nullopt, {}); }).isEmpty());

        // Nothing refused changed anything.
        const QList<LabelCorrection> all = store.list(m_dataset);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].sampleIndex, 1);
        QCOMPARE(all[0].label, 1);
        QCOMPARE(all[0].by, QStringLiteral("ada"));
    }

    void survivesReopening()
    {
        const QString root = m_ws->root();
        LabelCorrectionStore(*m_ws).correct(m_dataset, 2, 0, QStringLiteral("ada"));
        m_ws.reset();
        m_ws = Workspace::open(root);
        const std::optional<LabelCorrection> c = LabelCorrectionStore(*m_ws).correction(m_dataset, 2);
        QVERIFY(c);
        QCOMPARE(c->label, 0);
    }
};

QTEST_GUILESS_MAIN(TestLabelCorrections)
#include "test_label_corrections.moc"
