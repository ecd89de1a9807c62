#pragma once
#include "common/Cancel.h"
#include "labeling/LabelQueueModel.h"
#include "production/LabelQueue.h"
#include "store/Workspace.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace mlwb {

// What the Label page's queue is made of: the unlabeled production samples in an order, or
// the images of one data set version flagged as suspected label errors.
struct LabelSourceRequest {
    LabelQueueOptions production; // used when datasetId is empty and sampleIds not given
    QString datasetId;            // the data set version whose flagged images are relabeled
    // Given: exactly these production samples in this order, labeled or not (the Monitor
    // page's window, most drifting first); ids no longer stored are left out.
    std::optional<QList<qint64>> sampleIds;
};

struct LoadedLabelQueue {
    QList<LabelItem> items;
    QStringList classNames;
    qint64 unlabeled = 0;        // see LabelQueueModel::setItems
    qint64 duplicatesHidden = 0;
    QString error;               // for a person; empty when it loaded
};

// Reads the queue: off the UI thread (it reads many samples, a whole data set version, or runs
// the candidate model). Never throws: failures come back in error (Cancelled too).
LoadedLabelQueue loadLabelQueue(const WorkspacePtr &workspace, const LabelSourceRequest &request,
                                const CancelFlag *cancel = nullptr);

// A production sample as a queue item (its input, answer and label state moved out of it).
LabelItem labelItemOf(const Workspace &workspace, ProductionSample sample);

// The class names of a model version (from its model.json); 0…n−1 when it cannot be read.
QStringList modelClassNames(const Workspace &workspace, qint64 modelId, int classCount);

// The data set versions with suspected label errors, newest first: for the source choice.
struct FlaggedDataset {
    QString id;
    QString name;
    qsizetype flagged = 0;
};
QList<FlaggedDataset> flaggedDatasets(const Workspace &workspace);

} // namespace mlwb
