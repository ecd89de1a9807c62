#include "common/Error.h"
#include "models/ModelFiles.h"
#include "training/Trainer.h"
#include "unit/learning/SameMetrics.h"
#include "unit/learning/SyntheticData.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace mlwb::testing;

class TestTraining : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    DatasetPtr m_data;
    TrainSettings m_settings; // everything switched on: augmentation, dropout, batchnorm, one-cycle
    TrainResult m_reference;  // m_settings, uninterrupted, in "reference"

    QString runDir(const QString &name) const { return m_dir.filePath(name); }

    TrainResult train(const TrainSettings &s, const QString &name, const TrainCallbacks &cb = {}, bool resume = false,
                      const CancelFlag *cancel = nullptr)
    {
        CancelFlag never;
        Trainer trainer(m_data, s, runDir(name));
        return trainer.run(cancel ? *cancel : never, cb, resume);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = syntheticShapes(60);
        m_settings.architecture = writeTinySpec(m_dir.path());
        m_settings.epochs = 3;
        m_settings.batchSize = 32;
        m_settings.learningRate = 0.01;
        m_settings.schedule = QStringLiteral("onecycle");
        m_settings.validationFraction = 0.2;
        m_settings.augmentation = {12, 0.4, 0.8, 0.03};
        m_settings.threads = 2;
        m_reference = train(m_settings, QStringLiteral("reference"));
    }

    void lossFallsAndModelIsWritten()
    {
        TrainSettings s = m_settings;
        s.epochs = 6;
        s.schedule = QStringLiteral("constant");
        s.augmentation = {};
        qint64 lastDone = 0, lastTotal = 0, batches = 0;
        int epochsSeen = 0;
        TrainCallbacks cb;
        cb.onBatch = [&](int, qint64 step, double loss, double lr) {
            QCOMPARE(step, batches++);
            QVERIFY(std::isfinite(loss));
            QCOMPARE(lr, 0.01);
        };
        cb.onProgress = [&](qint64 done, qint64 total) { lastDone = done, lastTotal = total; };
        cb.onEpoch = [&](const EpochMetrics &m) {
            QCOMPARE(m.epoch, ++epochsSeen);
            QVERIFY(QFile::exists(Trainer::checkpointPath(runDir(QStringLiteral("falls")))));
        };
        const TrainResult r = train(s, QStringLiteral("falls"), cb);
        QCOMPARE(r.epochsDone, 6);
        QVERIFY(!r.cancelled);
        QCOMPARE(r.epochs.size(), size_t(6));
        QCOMPARE(lastDone, lastTotal);
        QCOMPARE(lastTotal, batches);
        qDebug() << "loss" << r.epochs.front().trainLoss << "→" << r.epochs.back().trainLoss << "validation accuracy"
                 << r.epochs.back().validationAccuracy;
        QVERIFY(r.epochs.back().trainLoss < 0.5 * r.epochs.front().trainLoss);
        QVERIFY(r.epochs.back().validationAccuracy > 0.8);
        QVERIFY(r.epochs.back().imagesPerSecond > 0);

        QCOMPARE(r.modelDir, Trainer::modelPath(runDir(QStringLiteral("falls"))));
        const ModelInfo info = readModelInfo(r.modelDir);
        QCOMPARE(info.classNames, m_data->classNames);
        QCOMPARE(info.parameterCount, r.parameterCount);
        QCOMPARE(info.mean.size(), size_t(1));
        QVERIFY(info.mean[0] > 0 && info.mean[0] < 0.5 && info.std[0] > 0);
        QCOMPARE(info.training.value(QStringLiteral("epochs")).toInt(), 6);
        QVERIFY(QFile::exists(modelWeightsPath(r.modelDir)));
        QVERIFY(!QFileInfo::exists(r.modelDir + QStringLiteral(".partial")));
    }

    void cancelWritesNoModel()
    {
        CancelFlag cancel;
        int epochsSeen = 0;
        TrainCallbacks cb;
        cb.onBatch = [&](int epoch, qint64, double, double) {
            if (epoch == 2)
                cancel.cancel();
        };
        cb.onEpoch = [&](const EpochMetrics &) { ++epochsSeen; };
        const TrainResult r = train(m_settings, QStringLiteral("cancelled"), cb, false, &cancel);
        QVERIFY(r.cancelled);
        QCOMPARE(r.epochsDone, 1);
        QCOMPARE(epochsSeen, 1);
        QVERIFY(r.modelDir.isEmpty());
        QVERIFY(!QFileInfo::exists(Trainer::modelPath(runDir(QStringLiteral("cancelled")))));
        QVERIFY(QFile::exists(Trainer::checkpointPath(runDir(QStringLiteral("cancelled")))));
    }

    void resumeEqualsUninterrupted()
    {
        // Interrupted in the middle of epoch 2, then resumed from epoch 1's checkpoint.
        CancelFlag cancel;
        TrainCallbacks cb;
        qint64 batchesInEpoch2 = 0;
        cb.onBatch = [&](int epoch, qint64, double, double) {
            if (epoch == 2 && ++batchesInEpoch2 == 2)
                cancel.cancel();
        };
        QVERIFY(train(m_settings, QStringLiteral("resumed"), cb, false, &cancel).cancelled);
        int firstResumedEpoch = 0;
        TrainCallbacks watch;
        watch.onEpoch = [&](const EpochMetrics &m) { firstResumedEpoch = firstResumedEpoch ? firstResumedEpoch : m.epoch; };
        const TrainResult r = train(m_settings, QStringLiteral("resumed"), watch, /*resume=*/true);
        QCOMPARE(firstResumedEpoch, 2);
        QCOMPARE(r.epochsDone, 3);
        QVERIFY(sameMetrics(r.epochs, m_reference.epochs));
        const QByteArray weights = readFile(modelWeightsPath(r.modelDir));
        QVERIFY(!weights.isEmpty());
        QVERIFY2(weights == readFile(modelWeightsPath(m_reference.modelDir)), "resumed weights differ from the uninterrupted run's");

        // Resuming a finished run trains nothing more and writes the same model.
        const TrainResult again = train(m_settings, QStringLiteral("resumed"), watch, true);
        QCOMPARE(again.epochsDone, 3);
        QCOMPARE(readFile(modelWeightsPath(again.modelDir)), weights);
    }

    void resumeRefusesOtherSettings()
    {
        TrainSettings s = m_settings;
        s.learningRate = 0.02;
        CancelFlag never;
        Trainer trainer(m_data, s, runDir(QStringLiteral("reference")));
        try {
            trainer.run(never, {}, true);
            QFAIL("resumed with another learning rate");
        } catch (const UsageError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("learningRate")), qPrintable(e.message()));
        }
    }

    void sameSeedSameMetrics()
    {
        const TrainResult again = train(m_settings, QStringLiteral("again"));
        QVERIFY(sameMetrics(again.epochs, m_reference.epochs));
        QCOMPARE(readFile(modelWeightsPath(again.modelDir)), readFile(modelWeightsPath(m_reference.modelDir)));

        TrainSettings s = m_settings;
        s.seed = 43;
        s.epochs = 1;
        const TrainResult other = train(s, QStringLiteral("otherseed"));
        QVERIFY(other.epochs[0].trainLoss != m_reference.epochs[0].trainLoss);
    }

    // Without batch normalisation, two threads train one replica each (DataParallelStep):
    // the loss still falls, runs replay exactly, and a resumed run ends as an uninterrupted one.
    void dataParallelTrainingIsReproducible()
    {
        TrainSettings s = m_settings;
        s.architecture = writeReplicableSpec(m_dir.path());
        s.threads = 2;
        s.batchSize = 32;
        s.epochs = 4;
        s.augmentation = {};
        const TrainResult first = train(s, QStringLiteral("parallel-a"));
        QVERIFY2(first.epochs.back().trainLoss < 0.7 * first.epochs.front().trainLoss,
                 qPrintable(QStringLiteral("%1 → %2").arg(first.epochs.front().trainLoss).arg(first.epochs.back().trainLoss)));
        const TrainResult second = train(s, QStringLiteral("parallel-b"));
        QVERIFY(sameMetrics(first.epochs, second.epochs));
        QCOMPARE(readFile(modelWeightsPath(second.modelDir)), readFile(modelWeightsPath(first.modelDir)));

        CancelFlag cancel;
        TrainCallbacks stopInEpoch3;
        stopInEpoch3.onBatch = [&](int epoch, qint64, double, double) {
            if (epoch == 3)
                cancel.cancel();
        };
        QVERIFY(train(s, QStringLiteral("parallel-resumed"), stopInEpoch3, false, &cancel).cancelled);
        const TrainResult resumed = train(s, QStringLiteral("parallel-resumed"), {}, /*resume=*/true);
        QVERIFY(sameMetrics(resumed.epochs, first.epochs));
        QCOMPARE(readFile(modelWeightsPath(resumed.modelDir)), readFile(modelWeightsPath(first.modelDir)));
    }

    void sgdAndNoValidation()
    {
        TrainSettings s = m_settings;
        s.optimizer = QStringLiteral("sgd");
        s.learningRate = 0.05;
        s.epochs = 2;
        s.validationFraction = 0;
        const TrainResult r = train(s, QStringLiteral("sgd"));
        QCOMPARE(r.epochsDone, 2);
        QVERIFY(std::isnan(r.epochs[0].validationLoss));
        QVERIFY(std::isfinite(r.epochs[1].trainLoss));
    }

    void pauseWaitsBetweenBatches()
    {
        TrainSettings s = m_settings;
        s.epochs = 1;
        QElapsedTimer timer;
        int asked = 0;
        TrainCallbacks cb;
        cb.shouldPause = [&] {
            ++asked;
            if (!timer.isValid())
                timer.start();
            return timer.elapsed() < 300;
        };
        const TrainResult r = train(s, QStringLiteral("paused"), cb);
        QCOMPARE(r.epochsDone, 1);
        QVERIFY(timer.elapsed() >= 300);
        QVERIFY(asked > 5);
    }

    void architectureMustFitTheData()
    {
        TrainSettings s;
        s.architecture = QStringLiteral("cnn");
        CancelFlag never;
        Trainer trainer(syntheticShapes(5, 8), s, runDir(QStringLiteral("small")));
        try {
            trainer.run(never, {}, false);
            QFAIL("cnn trained on 8×8 images");
        } catch (const UsageError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("kernel")), qPrintable(e.message()));
        }
        QVERIFY(!QFileInfo::exists(Trainer::checkpointPath(runDir(QStringLiteral("small")))));
    }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "test_training.moc"
