// Ready-made training settings (TrainRecipes.h): what the Train page and `mlwb train --recipe` offer.
#include "models/ModelSpec.h"
#include "training/TrainRecipes.h"

#include <QSet>
#include <QtTest>

using namespace mlwb;

class TestTrainRecipes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyRecipeIsValidAndNamedOnce()
    {
        QVERIFY(!trainRecipes().empty());
        QSet<QString> names;
        for (const TrainRecipe &r : trainRecipes()) {
            QVERIFY(!r.name.isEmpty());
            QVERIFY(!r.description.isEmpty());
            QVERIFY2(!names.contains(r.name), qPrintable(r.name));
            names.insert(r.name);
            r.settings.validate(); // throws on a bad value or an unknown architecture
            QCOMPARE(r.settings.threads, 0); // every core: the recipes are measured on all of them
            QCOMPARE(findTrainRecipe(r.name)->settings, r.settings);
        }
        QVERIFY(!findTrainRecipe(QStringLiteral("no-such-recipe")));
    }

    // The time-to-99% recipe as measured (README, "Benchmarks"): changing it means measuring again.
    void fast99IsOneEpochOfLiteAtAutoPrecision()
    {
        const std::optional<TrainRecipe> r = findTrainRecipe(QStringLiteral("fast-99"));
        QVERIFY(r);
        const TrainSettings &s = r->settings;
        QCOMPARE(s.architecture, QStringLiteral("lite"));
        QCOMPARE(s.epochs, 1);
        QCOMPARE(s.batchSize, 128);
        QCOMPARE(s.learningRate, 0.02);
        QCOMPARE(s.optimizer, QStringLiteral("adam"));
        QCOMPARE(s.schedule, QStringLiteral("onecycle"));
        QCOMPARE(s.precision, QStringLiteral("auto"));
        QCOMPARE(s.augmentation, Augmentation{});
        // Round trip through the run's JSON, as the queue and the run record store it.
        QCOMPARE(TrainSettings::fromJson(s.toJson()), s);
    }
};

QTEST_GUILESS_MAIN(TestTrainRecipes)
#include "test_train_recipes.moc"
