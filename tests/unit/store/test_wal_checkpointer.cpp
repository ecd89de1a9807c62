// The WAL checkpointer of a writer that commits all the time (the inference service's): the
// writer's commits never checkpoint, yet the log does not grow without end, and nothing
// written is lost.
#include "common/Log.h"
#include "store/Database.h"
#include "store/WalCheckpointer.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace mlwb;

class TestWalCheckpointer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initLogging(LogMode::Test); }

    void logStaysBoundedUnderConstantWrites()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const WorkspacePtr workspace = Workspace::open(dir.path());
        const Database &db = workspace->database();
        db.exec(QStringLiteral("CREATE TABLE scratch (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"));
        const QString wal = db.filePath() + QStringLiteral("-wal");

        constexpr int kTransactions = 2400, kRows = 10;
        const QByteArray payload(1500, 'x'); // about a production sample's row
        qint64 largestLog = 0, autoCheckpointAfter = -1;
        QString failure;
        // The writer is a thread of its own, as in the service (connections are per thread).
        QThread *writer = QThread::create([&] {
            try {
                {
                    WalCheckpointer checkpointer(db, /*intervalMs=*/2, /*restartPages=*/256);
                    for (int t = 0; t < kTransactions; ++t) {
                        db.transaction([&] {
                            for (int r = 0; r < kRows; ++r)
                                db.exec(QStringLiteral("INSERT INTO scratch (payload) VALUES (?)"), {payload});
                        });
                        checkpointer.committed();
                        checkpointer.afterAnswering();
                        largestLog = std::max(largestLog, QFileInfo(wal).size());
                    }
                }
                autoCheckpointAfter = db.scalar(QStringLiteral("PRAGMA wal_autocheckpoint")).toLongLong();
            } catch (const std::exception &e) {
                failure = QString::fromLocal8Bit(e.what());
            }
        });
        writer->start();
        QVERIFY(writer->wait(120000));
        delete writer;
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const qint64 written = qint64(kTransactions) * kRows * payload.size(); // 36 MB
        // Without checkpoints, or with passive ones only, the log holds all of it; 256 pages
        // are 1 MiB, so a log that starts over stays a few of those.
        QVERIFY2(largestLog < written / 3, qPrintable(QStringLiteral("the log grew to %1 bytes of %2 written").arg(largestLog).arg(written)));
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM scratch")).toLongLong(), qint64(kTransactions) * kRows);
        QCOMPARE(autoCheckpointAfter, 1000); // SQLite's default again for the writer's connection
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "test_wal_checkpointer.moc"
