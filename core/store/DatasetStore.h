#pragma once
#include "data/Dataset.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace mlwb {

class Workspace;

// One stored data set version. Its id is Dataset::contentHash(): the same images, labels
// and subsets always give the same id.
struct DatasetVersion {
    QString id;
    QString name;
    QString format;   // e.g. "idx", "npz", "png-folder"
    QString source;   // where it was imported from (path or URL), for lineage
    QDateTime created;
    int channels = 0;
    int height = 0;
    int width = 0;
    QStringList classNames;
    qint64 trainCount = 0;
    qint64 testCount = 0;
    double validationFraction = 0.0; // the split recorded with the version
    quint64 splitSeed = 0;

    qint64 count() const { return trainCount + testCount; }
    QJsonObject toJson() const;
};

// Data set versions of a workspace: files under datasets/<id>/ (images.u8, labels.u8,
// subsets.u8, manifest.json) plus a row in the datasets table.
class DatasetStore {
public:
    explicit DatasetStore(const Workspace &workspace) : m_workspace(workspace) {}

    struct SaveResult {
        DatasetVersion version;
        bool created = false; // false: this content was already stored (nothing new written)
    };

    // Validates `data`, writes its folder atomically, then records the row. On any failure
    // nothing is left behind. validationFraction must lie in [0, 1).
    SaveResult save(const Dataset &data, const QString &name, const QString &format, const QString &source,
                    double validationFraction, quint64 splitSeed) const;

    // ref: a full id, a unique id prefix of at least 6 characters, or a name (newest version
    // of that name). Checks file sizes against the manifest and labels against the classes;
    // with verifyContent also recomputes the content hash (slower: reads every byte twice).
    // Throws UsageError when nothing matches, Error when the files are damaged.
    DatasetPtr load(const QString &ref, bool verifyContent = false) const;

    // nullopt when nothing matches; throws UsageError for an ambiguous prefix.
    std::optional<DatasetVersion> find(const QString &ref) const;
    // Like find(), but throws UsageError when nothing matches.
    DatasetVersion require(const QString &ref) const;
    // Newest first.
    QList<DatasetVersion> list() const;

    static constexpr int kMinimumPrefix = 6;

private:
    std::optional<DatasetVersion> byId(const QString &id) const;

    const Workspace &m_workspace;
};

} // namespace mlwb
