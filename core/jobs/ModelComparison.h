#pragma once
#include "common/Cancel.h"
#include "evaluation/McNemar.h"
#include "jobs/StoredEvaluations.h"

#include <QJsonObject>
#include <QList>

namespace mlwb {

class Workspace;

// 2–4 model versions on one test set (a data set version's test split), from their stored
// evaluations (computed and stored first where missing).
struct ModelComparison {
    QString datasetId;
    QStringList classNames;
    QList<OpenedEvaluation> models; // in the order asked; every samples->indices is the same
    // One per pair (i < j), in the order (0,1), (0,2), …, (1,2), …: who was right where,
    // with McNemar's exact p-value on the samples only one of the two got right.
    struct Pair {
        int a = 0, b = 0;
        PairedOutcome outcome;
    };
    QList<Pair> pairs;
    // True when the models were trained or evaluated on different data set versions than
    // datasetId: the user should know which test set the numbers come from.
    QStringList notes;

    // {"dataset", "classes", "models": [{"model", "architecture", "accuracy", "macroF1",
    //  "weightedF1", "parameters", "perClassF1": [...]}], "pairs": [{"a", "b", "bothRight",
    //  "onlyA", "onlyB", "bothWrong", "disagreements", "pValue"}], "notes": [...]}
    QJsonObject toJson() const;
};

// Compares the models on datasetRef's test split (empty: the first model's data set). Throws
// UsageError for fewer than 2 or more than 4 models, an unknown model or data set, or models
// that do not fit the data set; Cancelled when the flag is raised.
ModelComparison compareModels(const Workspace &workspace, const QList<qint64> &modelIds, const QString &datasetRef = {},
                              int threads = 0, const ProgressFn &progress = {}, const CancelFlag *cancel = nullptr);

} // namespace mlwb
