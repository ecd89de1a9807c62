#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace mlwb {

class Workspace;

// A new label for an image of a stored data set version (a suspected label error relabelled on
// the Label page). The version itself never changes: a production build applies the
// corrections of its base (see ProductionDataset.h).
struct LabelCorrection {
    QString datasetId;
    qint64 sampleIndex = 0;
    int label = 0;
    QString by;
    QDateTime at;

    QJsonObject toJson() const;
};

class LabelCorrectionStore {
public:
    explicit LabelCorrectionStore(const Workspace &workspace) : m_workspace(workspace) {}

    // Sets or replaces the correction of one image; nullopt takes it back. Throws UsageError
    // for an unknown data set, an index outside it, or a label outside its classes.
    void correct(const QString &datasetId, qint64 sampleIndex, std::optional<int> label, const QString &by) const;
    std::optional<LabelCorrection> correction(const QString &datasetId, qint64 sampleIndex) const;
    QList<LabelCorrection> list(const QString &datasetId) const; // by sample index

private:
    const Workspace &m_workspace;
};

} // namespace mlwb
