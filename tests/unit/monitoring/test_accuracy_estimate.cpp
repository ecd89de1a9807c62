// Accuracy without labels (average thresholded confidence): exact on its own reference, ties
// handled, and close to the truth for a trained model on held-back images with noise added.
#include "common/Error.h"
#include "evaluation/GaussianNoise.h"
#include "evaluation/Evaluator.h"
#include "jobs/StoredEvaluations.h"
#include "models/ModelFiles.h"
#include "monitoring/AccuracyEstimate.h"
#include "monitoring/WindowReport.h"
#include "registry/ModelRegistry.h"
#include "unit/jobs/TinyModel.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <numeric>
#include <random>

using namespace mlwb;

namespace {

// `data` with Gaussian noise of standard deviation sigma (pixels in [0, 1], clamped).
DatasetPtr withNoise(const Dataset &data, double sigma)
{
    auto noisy = std::make_shared<Dataset>(data);
    GaussianNoise draws(17);
    for (std::uint8_t &v : noisy->pixels)
        v = std::uint8_t(std::lround(std::clamp(double(v) / 255.0 + sigma * draws.next(), 0.0, 1.0) * 255.0));
    return noisy;
}

std::vector<qint64> allIndices(const Dataset &data)
{
    std::vector<qint64> indices(static_cast<size_t>(data.size()));
    std::iota(indices.begin(), indices.end(), 0);
    return indices;
}

} // namespace

class AccuracyEstimateTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exactOnItsOwnReference();
    void tiesCountByTheirShare();
    void labeledAccuracy();
    void closeToTheTruthOnNoisyHeldBackImages();
};

void AccuracyEstimateTest::exactOnItsOwnReference()
{
    std::mt19937_64 rng(3);
    std::vector<double> confidence;
    std::vector<bool> correct;
    for (int i = 0; i < 1000; ++i) {
        const double c = 0.3 + 0.7 * double(rng() >> 11) / double(1ull << 53);
        confidence.push_back(c);
        correct.push_back(double(rng() >> 11) / double(1ull << 53) < c); // calibrated: right with probability c
    }
    const AtcThreshold atc = fitAtcThreshold(confidence, correct);
    const double accuracy = double(std::count(correct.begin(), correct.end(), true)) / 1000;
    QCOMPARE(atc.referenceAccuracy, accuracy);
    QCOMPARE(atc.referenceSamples, 1000);
    QVERIFY(std::abs(*atcEstimate(atc, confidence) - accuracy) < 1e-12);
    // Surer samples are estimated right more often, less sure ones less.
    QCOMPARE(*atcEstimate(atc, {0.999, 0.998}), 1.0);
    QCOMPARE(*atcEstimate(atc, {0.31, 0.32}), 0.0);
    QVERIFY(!atcEstimate(atc, {}));
    QVERIFY_THROWS_EXCEPTION(UsageError, fitAtcThreshold({}, {}));
    QVERIFY_THROWS_EXCEPTION(UsageError, fitAtcThreshold({0.5}, {true, false}));
}

// A float softmax gives exactly 1.0 to many images. 600 of 1,000 at 1.0 with an accuracy of
// 0.9: the threshold falls among the lower confidences (the 900th largest) and the 1.0s count
// whole. All 1,000 at 1.0: the threshold is 1.0 itself, and each sample there counts 0.9.
void AccuracyEstimateTest::tiesCountByTheirShare()
{
    std::vector<double> confidence(600, 1.0);
    for (int i = 0; i < 400; ++i)
        confidence.push_back(0.5 + i / 1000.0);
    std::vector<bool> correct(1000, true);
    for (int i = 0; i < 100; ++i)
        correct[size_t(i * 10)] = false;
    const AtcThreshold atc = fitAtcThreshold(confidence, correct);
    QCOMPARE(atc.referenceAccuracy, 0.9);
    QVERIFY(std::abs(*atcEstimate(atc, confidence) - 0.9) < 1e-12);

    // All tied: the estimate of the same confidences is the accuracy, through the tie share.
    const AtcThreshold tied = fitAtcThreshold(std::vector<double>(1000, 1.0), correct);
    QCOMPARE(tied.threshold, 1.0);
    QVERIFY(std::abs(tied.tieShare - 0.9) < 1e-12);
    QVERIFY(std::abs(*atcEstimate(tied, std::vector<double>(10, 1.0)) - 0.9) < 1e-12);
    QCOMPARE(*atcEstimate(tied, std::vector<double>(10, 0.99)), 0.0);
}

void AccuracyEstimateTest::labeledAccuracy()
{
    const LabeledAccuracy none = mlwb::labeledAccuracy({-1, -1}, {0, 1});
    QCOMPARE(none.labeled, 0);
    QVERIFY(!none.accuracy());
    const LabeledAccuracy some = mlwb::labeledAccuracy({0, -1, 2, 2}, {0, 1, 1, 2});
    QCOMPARE(some.labeled, 3);
    QCOMPARE(some.correct, 2);
    QCOMPARE(*some.accuracy(), 2.0 / 3);
    QVERIFY_THROWS_EXCEPTION(UsageError, mlwb::labeledAccuracy({0}, {0, 1}));
}

// A tiny network trained on the synthetic shapes; the reference is its stored evaluation on
// the test split. Held-back shapes (another seed) with more and more noise: the model's
// accuracy falls from 0.99 to under 0.9, and ATC follows it without a label. With still more
// noise (σ ≥ 0.25) this model calls most images a horizontal bar, confidently: ATC, like every
// estimate from confidence, then stays high (0.88 for a true 0.77 at σ 0.25, 0.97 for 0.31 at
// σ 0.4) — but the predicted classes drift, and the window alerts on that.
void AccuracyEstimateTest::closeToTheTruthOnNoisyHeldBackImages()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const WorkspacePtr workspace = Workspace::open(dir.filePath(QStringLiteral("ws")));
    const qint64 modelId = testing::trainTinyModel(workspace, dir.path(), 250, 2);
    EvaluationRequest request;
    request.modelId = modelId;
    const OpenedEvaluation reference = obtainEvaluation(*workspace, request);
    const ReferenceProfile profile(observationsOf(*reference.samples, reference.data.get()));
    QVERIFY(profile.atc());
    const double referenceAccuracy = profile.atc()->referenceAccuracy;

    const DatasetPtr heldBack = testing::syntheticShapes(250, 28, 11);
    const auto classifier = loadClassifier(workspace->absolute(ModelRegistry(*workspace).require(modelId).path), 1);
    const auto window = [&](double sigma) {
        const DatasetPtr noisy = sigma == 0 ? heldBack : withNoise(*heldBack, sigma);
        return compareWindow(profile, observationsOf(evaluate(*classifier, *noisy, allIndices(*noisy)), noisy.get()));
    };
    double worst = 0, sum = 0, lowest = 1;
    QString table;
    const std::vector<double> sigmas = {0.0, 0.1, 0.15, 0.2, 0.22};
    for (double sigma : sigmas) {
        const WindowReport r = window(sigma);
        const double truth = *r.labeled.accuracy(), estimate = *r.estimatedAccuracy;
        table += QStringLiteral("  noise σ %1: true %2, estimated %3\n").arg(sigma).arg(truth, 0, 'f', 3).arg(estimate, 0, 'f', 3);
        worst = std::max(worst, std::abs(estimate - truth));
        sum += std::abs(estimate - truth);
        lowest = std::min(lowest, truth);
    }
    qInfo("reference accuracy %.3f (%lld test images); 1,000 held-back images:\n%s", referenceAccuracy,
          qlonglong(profile.size()), qPrintable(table));
    QVERIFY2(lowest < referenceAccuracy - 0.1, "the noise should cost the model accuracy, or the test shows nothing");
    QVERIFY(sum / double(sigmas.size()) < 0.02);
    QVERIFY(worst < 0.04);

    const WindowReport collapsed = window(0.4);
    QVERIFY(*collapsed.labeled.accuracy() < 0.5);
    QVERIFY(collapsed.result(DriftStatistic::PredictedClasses).alert);
}

QTEST_GUILESS_MAIN(AccuracyEstimateTest)
#include "test_accuracy_estimate.moc"
