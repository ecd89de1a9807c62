// Mixed-precision training (precision "bf16"): forced, so that it runs on any CPU (emulated
// where the CPU lacks bf16). It must replay exactly like fp32 training, resume bit-identically,
// learn about as well, and leave fp32 checkpoints and models.
#include "common/Error.h"
#include "models/ModelFiles.h"
#include "training/Trainer.h"
#include "unit/learning/SameMetrics.h"
#include "unit/learning/SyntheticData.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace mlwb::testing;

class TestTrainingBf16 : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    DatasetPtr m_data;
    TrainSettings m_settings; // bf16 with batchnorm, dropout, augmentation, one-cycle; 2 threads, one network
    TrainSettings m_parallel; // bf16, no batchnorm: one replica per thread (DataParallelStep)
    TrainResult m_reference, m_parallelReference;

    QString runDir(const QString &name) const { return m_dir.filePath(name); }

    TrainResult train(const TrainSettings &s, const QString &name, const TrainCallbacks &cb = {}, bool resume = false,
                      const CancelFlag *cancel = nullptr)
    {
        CancelFlag never;
        Trainer trainer(m_data, s, runDir(name));
        return trainer.run(cancel ? *cancel : never, cb, resume);
    }

    // Trains `s` into `name`, cancelled in the middle of epoch 3, then resumed.
    TrainResult interruptedAndResumed(const TrainSettings &s, const QString &name)
    {
        CancelFlag cancel;
        int batchesInEpoch3 = 0;
        TrainCallbacks cb;
        cb.onBatch = [&](int epoch, qint64, double, double) {
            if (epoch == 3 && ++batchesInEpoch3 == 2)
                cancel.cancel();
        };
        if (!train(s, name, cb, false, &cancel).cancelled)
            return {};
        return train(s, name, {}, /*resume=*/true);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = syntheticShapes(60);
        m_settings.architecture = writeTinySpec(m_dir.path());
        m_settings.epochs = 4;
        m_settings.batchSize = 32;
        m_settings.learningRate = 0.01;
        m_settings.schedule = QStringLiteral("onecycle");
        m_settings.validationFraction = 0.2;
        m_settings.augmentation = {12, 0.4, 0.8, 0.03};
        m_settings.threads = 2;
        m_settings.precision = QStringLiteral("bf16");
        m_reference = train(m_settings, QStringLiteral("reference"));

        m_parallel = m_settings;
        m_parallel.architecture = writeReplicableSpec(m_dir.path());
        m_parallel.schedule = QStringLiteral("constant");
        m_parallel.augmentation = {};
        m_parallelReference = train(m_parallel, QStringLiteral("parallel-reference"));
    }

    void sameSeedSameWeights()
    {
        for (const TrainSettings *s : {&m_settings, &m_parallel}) {
            const TrainResult &reference = s == &m_settings ? m_reference : m_parallelReference;
            const TrainResult again = train(*s, s == &m_settings ? QStringLiteral("again") : QStringLiteral("parallel-again"));
            QVERIFY(sameMetrics(again.epochs, reference.epochs));
            const QByteArray weights = readFile(modelWeightsPath(again.modelDir));
            QVERIFY(!weights.isEmpty());
            QVERIFY2(weights == readFile(modelWeightsPath(reference.modelDir)), qPrintable(s->architecture));
        }
    }

    void resumesBitIdentically()
    {
        const TrainResult resumed = interruptedAndResumed(m_settings, QStringLiteral("resumed"));
        QCOMPARE(resumed.epochsDone, m_settings.epochs);
        QVERIFY(sameMetrics(resumed.epochs, m_reference.epochs));
        QVERIFY(readFile(modelWeightsPath(resumed.modelDir)) == readFile(modelWeightsPath(m_reference.modelDir)));

        const TrainResult parallel = interruptedAndResumed(m_parallel, QStringLiteral("parallel-resumed"));
        QCOMPARE(parallel.epochsDone, m_parallel.epochs);
        QVERIFY(sameMetrics(parallel.epochs, m_parallelReference.epochs));
        QVERIFY(readFile(modelWeightsPath(parallel.modelDir)) == readFile(modelWeightsPath(m_parallelReference.modelDir)));
    }

    // The forward passes really ran in bf16 (the run differs from fp32's), yet the weights
    // written are fp32 (bf16 copies would be half the size) and the model records bf16.
    void bf16ComputesButStoresFp32()
    {
        for (const TrainSettings *s : {&m_settings, &m_parallel}) {
            const bool plain = s == &m_settings;
            TrainSettings fp32 = *s;
            fp32.precision = QStringLiteral("fp32");
            const QString fp32Run = plain ? QStringLiteral("fp32") : QStringLiteral("parallel-fp32");
            const TrainResult single = train(fp32, fp32Run);
            const TrainResult &mixed = plain ? m_reference : m_parallelReference;
            const QString bf16Run = plain ? QStringLiteral("reference") : QStringLiteral("parallel-reference");
            QVERIFY(single.epochs[0].trainLoss != mixed.epochs[0].trainLoss);
            const QByteArray fp32Weights = readFile(modelWeightsPath(single.modelDir));
            const QByteArray bf16Weights = readFile(modelWeightsPath(mixed.modelDir));
            QVERIFY(fp32Weights != bf16Weights);
            QCOMPARE(bf16Weights.size(), fp32Weights.size());
            // The checkpoints differ only in their metadata's text (bf16 tensors would save kilobytes).
            const qint64 bf16Checkpoint = QFileInfo(Trainer::checkpointPath(runDir(bf16Run))).size();
            QVERIFY(std::abs(bf16Checkpoint - QFileInfo(Trainer::checkpointPath(runDir(fp32Run))).size()) < 512);
            QCOMPARE(readModelInfo(mixed.modelDir).training.value(QStringLiteral("precision")).toString(), QStringLiteral("bf16"));
            QVERIFY(!readModelInfo(single.modelDir).training.contains(QStringLiteral("precision")));
        }
    }

    // Learns as fp32 does on the shapes: accuracy and loss after the same epochs close to fp32's.
    void accuracyCloseToFp32()
    {
        for (const TrainSettings *base : {&m_settings, &m_parallel}) {
            TrainSettings s = *base;
            s.epochs = 6;
            s.schedule = QStringLiteral("constant");
            s.augmentation = {};
            const QString name = base == &m_settings ? QStringLiteral("close") : QStringLiteral("parallel-close");
            const TrainResult mixed = train(s, name + QStringLiteral("-bf16"));
            s.precision = QStringLiteral("fp32");
            const TrainResult single = train(s, name + QStringLiteral("-fp32"));
            const EpochMetrics &b = mixed.epochs.back(), &f = single.epochs.back();
            qDebug() << name << "validation accuracy bf16" << b.validationAccuracy << "fp32" << f.validationAccuracy
                     << "train loss bf16" << b.trainLoss << "fp32" << f.trainLoss;
            QVERIFY(b.validationAccuracy > 0.8);
            QVERIFY2(std::abs(b.validationAccuracy - f.validationAccuracy) <= 0.1,
                     qPrintable(QStringLiteral("%1 vs %2").arg(b.validationAccuracy).arg(f.validationAccuracy)));
            QVERIFY2(b.trainLoss < 1.5 * f.trainLoss + 0.05, qPrintable(QStringLiteral("%1 vs %2").arg(b.trainLoss).arg(f.trainLoss)));
        }
    }

    // A checkpoint resumes only with the precision it was trained with, whichever side is fp32
    // (whose JSON has no precision key).
    void resumeRefusesAnotherPrecision()
    {
        for (const char *then : {"bf16", "fp32"}) {
            TrainSettings s = m_settings;
            s.epochs = 1;
            s.schedule = QStringLiteral("constant"); // epochs may grow then
            s.precision = QLatin1String(then);
            const QString name = QStringLiteral("switch-%1").arg(QLatin1String(then));
            QCOMPARE(train(s, name).epochsDone, 1);
            s.epochs = 2;
            s.precision = s.precision == QLatin1String("bf16") ? QStringLiteral("fp32") : QStringLiteral("bf16");
            try {
                train(s, name, {}, /*resume=*/true);
                QFAIL("resumed with another precision");
            } catch (const UsageError &e) {
                QVERIFY2(e.message().contains(QStringLiteral("\"precision\"")), qPrintable(e.message()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainingBf16)
#include "test_training_bf16.moc"
