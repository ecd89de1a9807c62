#pragma once
#include "common/Cancel.h"
#include "store/DatasetStore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace mlwb {

class Workspace;

// How a data set version is built from a base version and the labeled production samples.
struct ProductionBuildOptions {
    // The base: a data set ref; empty: the production model's data set. A base that was itself
    // built from production samples is replaced by its own base, so repeated builds never stack
    // production samples on top of earlier copies of themselves.
    QString baseRef;
    QString name;              // empty: "<base name>+production"
    // The share of labeled samples held back as the production test split. Which sample is held
    // back depends only on its id and the seed, so a sample stays on its side in every build
    // and no later model is trained on an earlier build's test images.
    double testFraction = 0.2;
    quint64 seed = 0;
    // Copies of each production training sample in the training split; 0: automatic, so that
    // production makes about a tenth of the training images: round(base train / (9 × production
    // train)), between 1 and 50. The copies are identical images; augmentation varies them.
    int weight = 0;
    bool applyCorrections = true; // relabelled suspected label errors of the base (see LabelCorrectionStore)
};

// What a build made and from what (its lineage).
struct DatasetLineage {
    QString datasetId;
    QString baseId;
    QString productionTestId; // empty when no sample was held back
    int weight = 1;
    double testFraction = 0;
    qint64 corrections = 0;   // base labels replaced by corrections
    QList<qint64> trainSamples, testSamples; // production sample ids, ascending
    QDateTime created;

    // {"dataset", "base", "productionTest", "weight", "testFraction", "corrections",
    //  "trainSamples": n, "testSamples": n, "created"}; withSamples adds the id lists.
    QJsonObject toJson(bool withSamples = false) const;
};

struct ProductionBuild {
    DatasetVersion dataset;            // base + production training samples (× weight) + all test images
    bool created = false;              // false: this content was stored already
    std::optional<DatasetVersion> productionTest; // only the held-back production samples (all test)
    DatasetVersion base;
    DatasetLineage lineage;
    qint64 discarded = 0;              // labeled "not a digit": left out
    qint64 incompatible = 0;           // another geometry or a label outside the base's classes: left out

    QJsonObject toJson() const;
};

// Builds and stores the two versions and their lineage. The combined version's test split is
// the base's test images followed by the held-back production samples, so its own evaluation
// covers both; the production test version holds those samples alone. Throws UsageError when
// no production model or base is found, or there is no labeled sample that fits the base.
ProductionBuild buildProductionDataset(const Workspace &workspace, const ProductionBuildOptions &options,
                                       const ProgressFn &progress = {}, const CancelFlag *cancel = nullptr);

// The lineage of a built version; nullopt for a version that was not built from production samples.
std::optional<DatasetLineage> datasetLineage(const Workspace &workspace, const QString &datasetId);

// True when this sample id is held back for the production test split (see testFraction).
bool heldBackForTest(qint64 sampleId, double testFraction, quint64 seed);

} // namespace mlwb
