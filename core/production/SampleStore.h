#pragma once
#include "production/ProductionSample.h"

#include <QByteArray>
#include <QList>

namespace mlwb {

class Workspace;

// What a new sample brings: the original image's PNG bytes (or empty when the input itself is
// the original, as with a JSON pixel request: then the input is encoded as the PNG) and the rest
// of ProductionSample without id, hash and path.
struct NewSample {
    ProductionSample sample;
    QByteArray originalPng;
};

struct SampleFilter {
    std::optional<SampleSource> source;
    enum class LabelState { Any, Unlabeled, Labeled, Discarded } labelState = LabelState::Any;
    QDateTime from, to;          // invalid: open
    std::optional<int> predicted;
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

    // Stores a batch in one transaction and returns the new ids in order.
    QList<qint64> add(std::vector<NewSample> samples) const;

    std::optional<ProductionSample> sample(qint64 id) const;
    QList<ProductionSample> list(const SampleFilter &filter) const;
    qint64 count(const SampleFilter &filter) const; // the same filter without limit/offset

    // Sets (or changes) a label, keeping the old one in the history; -1 with discard = true
    // marks "not a digit". Throws UsageError for an unknown id or a label outside the classes.
    void setLabel(qint64 id, std::optional<int> label, bool discard, const QString &who) const;
    // The label history of a sample, oldest first: {"label", "discarded", "by", "at"}.
    QList<QJsonObject> labelHistory(qint64 id) const;

    QString absoluteImagePath(const ProductionSample &sample) const;

private:
    const Workspace &m_workspace;
};

} // namespace mlwb
