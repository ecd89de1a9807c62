#include "common/Error.h"
#include "evaluation/PredictionsCsv.h"
#include "unit/evaluation/BrightnessClassifier.h"

#include <QtTest>

using namespace mlwb;

namespace {

// Three classes of 2×2 images; image i has brightness i·40 (0, 40, ..., 200).
Dataset makeData()
{
    Dataset d;
    d.height = d.width = 2;
    d.classNames = {QStringLiteral("dark"), QStringLiteral("mid"), QStringLiteral("light")};
    for (int i = 0; i < 6; ++i) {
        d.pixels.insert(d.pixels.end(), 4, std::uint8_t(i * 40));
        d.labels.push_back(std::uint8_t(i % 3));
        d.subsets.push_back(std::uint8_t(Subset::Test));
    }
    return d;
}

EvaluationResult evaluated()
{
    const Dataset data = makeData();
    BrightnessClassifier model(3, data.imageBytes());
    return evaluate(model, data, {5, 0, 2, 3});
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return f.readAll();
}

} // namespace

class TestPredictionsCsv : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void content()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("predictions.csv"));
        const EvaluationResult r = evaluated();
        writePredictionsCsv(path, r, makeData().classNames);

        const QList<QByteArray> lines = readAll(path).split('\n');
        QCOMPARE(lines.size(), 1 + 4 + 1); // header, 4 rows, empty after the last newline
        QCOMPARE(lines[0], QByteArray("index,true,predicted,p_dark,p_mid,p_light"));
        QCOMPARE(lines.last(), QByteArray());
        for (int row = 0; row < 4; ++row) {
            const QList<QByteArray> fields = lines[row + 1].split(',');
            QCOMPARE(fields.size(), 3 + 3);
            QCOMPARE(fields[0].toLongLong(), r.indices[size_t(row)]);
            QCOMPARE(fields[1].toInt(), r.truth[size_t(row)]);
            QCOMPARE(fields[2].toInt(), r.predicted[size_t(row)]);
            for (int c = 0; c < 3; ++c) {
                bool ok = false;
                QCOMPARE(fields[3 + c].toFloat(&ok), r.probabilities[size_t(row * 3 + c)]); // exact round trip
                QVERIFY(ok);
            }
        }
        // Sample 5 (brightness 200/255) is "light" by brightness, truly class 2.
        QVERIFY(lines[1].startsWith("5,2,2,"));
        // Sample 3 (brightness 120/255) is "mid" by brightness, truly class 0.
        QVERIFY(lines[4].startsWith("3,0,1,"));
    }

    void awkwardClassNamesQuoted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.csv"));
        writePredictionsCsv(path, evaluated(),
                            {QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QStringLiteral("ü")});
        const QByteArray header = readAll(path).split('\n').first();
        QCOMPARE(header, QByteArray("index,true,predicted,\"p_a,b\",\"p_say \"\"hi\"\"\",p_\xc3\xbc"));
    }

    void overwritesWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.csv"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(10000, '#'));
        old.close();
        writePredictionsCsv(path, evaluated(), makeData().classNames);
        const QByteArray now = readAll(path);
        QVERIFY(now.startsWith("index,"));
        QVERIFY(!now.contains('#'));
    }

    void refusedInputChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.csv"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("previous\n");
        old.close();

        EvaluationResult broken = evaluated();
        broken.probabilities.pop_back();
        QVERIFY_THROWS_EXCEPTION(UsageError, writePredictionsCsv(path, broken, makeData().classNames));
        QVERIFY_THROWS_EXCEPTION(UsageError, writePredictionsCsv(path, evaluated(), {QStringLiteral("one")}));
        QCOMPARE(readAll(path), QByteArray("previous\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("p.csv")});
    }

    void unwritablePath_data()
    {
        QTest::addColumn<QString>("relative");
        // Through a regular file: refused even for root, who ignores permissions.
        QTest::newRow("parent is a file") << QStringLiteral("plain.txt/predictions.csv");
        QTest::newRow("missing folder") << QStringLiteral("no/such/folder/predictions.csv");
        QTest::newRow("path is a folder") << QStringLiteral("sub");
    }
    void unwritablePath()
    {
        QFETCH(QString, relative);
        QTemporaryDir dir;
        QFile plain(dir.filePath(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        const QStringList before = QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);

        const QString path = dir.filePath(relative);
        try {
            writePredictionsCsv(path, evaluated(), makeData().classNames);
            QFAIL("no exception");
        } catch (const UsageError &e) {
            QFAIL(qPrintable(QStringLiteral("a usage error for a write failure: ") + e.message()));
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QDir::toNativeSeparators(path)), qPrintable(e.message()));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
        QVERIFY(QDir(dir.filePath(QStringLiteral("sub"))).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
        if (relative != QStringLiteral("sub"))
            QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestPredictionsCsv)
#include "test_predictions_csv.moc"
