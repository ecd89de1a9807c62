#pragma once
#include "production/ProductionSample.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <memory>
#include <optional>
#include <vector>

namespace mlwb {

class Workspace;

// What a new sample brings: the original image's bytes (or empty when the input itself is the
// original, as with a JSON pixel request: then the input is encoded as an 8-bit PNG) and the
// rest of ProductionSample without id, hash, path and time (add() sets them).
//
// The image hash (ProductionSample::imageHash) is the SHA-256 of the original's PNG bytes, or,
// without an original, of "mlwb-input CxHxW\n" (e.g. "mlwb-input 1x28x28\n") followed by the
// input bytes: a repeated JSON request is then recognised before anything is encoded, and its
// PNG is written only once. An original that is not a PNG (a JPEG from a watched folder) is
// converted to PNG first.
struct NewSample {
    ProductionSample sample;
    QByteArray originalPng;
    int originalWidth = 0, originalHeight = 0; // of originalPng, when the caller knows (0: read it)
};

// What a caller that keeps adding from one thread (the inference service's writer) keeps between
// batches: the hashes stored already (taken as stored without a look-up; image rows are never
// deleted, so the set stays true for its workspace) and the statements prepared on that thread's
// connection. Destroy it on that thread, before the thread ends (its connection closes then).
struct SampleWriter {
    SampleWriter();
    ~SampleWriter();
    SampleWriter(const SampleWriter &) = delete;
    SampleWriter &operator=(const SampleWriter &) = delete;

    QSet<QString> knownImages;
    struct Statements;
    std::unique_ptr<Statements> statements; // prepared by the first add()
};

struct SampleFilter {
    std::optional<SampleSource> source;
    enum class LabelState { Any, Unlabeled, Labeled, Discarded } labelState = LabelState::Any;
    QDateTime from, to;          // from <= created < to; invalid: open
    std::optional<int> predicted;
    qint64 afterId = 0;          // > 0: only ids above it (reading on where the last read stopped)
    qint64 limit = 100;          // < 0: all
    qint64 offset = 0;
    bool newestFirst = true;
};

// The production samples of a workspace (tables production_samples, production_images and
// sample_label_events; images under production/samples/). Every write is one transaction;
// images are written (atomically, once per hash) before their rows.
class SampleStore {
public:
    explicit SampleStore(const Workspace &workspace) : m_workspace(workspace) {}

    // Stores a batch in one transaction and returns the new ids in order. New images are written
    // before the transaction, so that a crash leaves at most an unreferenced file, never a row
    // without its file. A failing row (e.g. an unknown model id) rolls the whole batch back.
    // Throws UsageError for an input whose size is not C×H×W or an original that is no image.
    // sample.created: when invalid, the time of the call.
    QList<qint64> add(std::vector<NewSample> samples) const;
    // The same for a caller that keeps adding (the inference service): hashes in *knownImages
    // are taken as stored without a look-up, and the batch's hashes join the set once
    // committed. Image rows are never deleted, so the set stays true for its workspace.
    QList<qint64> add(std::vector<NewSample> samples, QSet<QString> *knownImages) const;
    // The same with statements prepared once per writer (see SampleWriter).
    QList<qint64> add(std::vector<NewSample> samples, SampleWriter &writer) const;

    std::optional<ProductionSample> sample(qint64 id) const;
    QList<ProductionSample> list(const SampleFilter &filter) const;
    qint64 count(const SampleFilter &filter) const; // the same filter without limit/offset

    // Sets (or changes) a label, keeping the old one in the history; discard = true (label
    // nullopt or -1) marks "not a digit"; nullopt without discard takes the label back.
    // The classes are the sample's probabilities (0 … size − 1). Throws UsageError for an
    // unknown id or a label outside the classes.
    void setLabel(qint64 id, std::optional<int> label, bool discard, const QString &who) const;
    // The label history of a sample, oldest first: {"label", "discarded", "by", "at"} (empty
    // for an unknown id).
    QList<QJsonObject> labelHistory(qint64 id) const;

    QString absoluteImagePath(const ProductionSample &sample) const;
    // "production/samples/ab/abcd….png": where the image of a hash is kept, relative to the workspace.
    static QString imageRelativePath(const QString &hash);

private:
    QList<qint64> add(std::vector<NewSample> &samples, QSet<QString> *knownImages, SampleWriter *writer) const;

    const Workspace &m_workspace;
};

} // namespace mlwb
