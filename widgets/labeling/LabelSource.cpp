#include "labeling/LabelSource.h"

#include "common/Error.h"
#include "models/ModelFiles.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/LabelCorrectionStore.h"
#include "store/LabelFlagStore.h"

#include <QHash>

namespace mlwb {

namespace {

QStringList numbered(int count)
{
    QStringList names;
    for (int c = 0; c < count; ++c)
        names << QString::number(c);
    return names;
}

LoadedLabelQueue productionQueue(const WorkspacePtr &workspace, const LabelQueueOptions &options, const CancelFlag *cancel)
{
    LabelQueue queue = buildLabelQueue(*workspace, options, cancel);
    LoadedLabelQueue loaded;
    loaded.unlabeled = queue.unlabeled;
    loaded.duplicatesHidden = queue.duplicatesHidden;
    for (qsizetype i = 0; i < queue.samples.size(); ++i) {
        LabelItem item = labelItemOf(*workspace, std::move(queue.samples[i]));
        if (size_t(i) < queue.candidatePredicted.size())
            item.candidate = queue.candidatePredicted[size_t(i)];
        item.score = size_t(i) < queue.scores.size() ? queue.scores[size_t(i)] : 0.0;
        loaded.items << std::move(item);
    }
    // The names of the newest sample's model: the queue mixes models only across a promotion,
    // and every production model has the same classes.
    if (!loaded.items.isEmpty()) {
        const LabelItem &first = loaded.items.first();
        loaded.classNames = modelClassNames(*workspace, first.modelId, int(first.probabilities.size()));
    } else if (const std::optional<ModelVersion> production = ModelRegistry(*workspace).production()) {
        loaded.classNames = modelClassNames(*workspace, production->id, 0);
    }
    return loaded;
}

LoadedLabelQueue sampleListQueue(const WorkspacePtr &workspace, const QList<qint64> &ids, const CancelFlag *cancel)
{
    const SampleStore store(*workspace);
    LoadedLabelQueue loaded;
    for (qint64 id : ids) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        std::optional<ProductionSample> s = store.sample(id);
        if (!s)
            continue;
        LabelItem item = labelItemOf(*workspace, std::move(*s));
        loaded.unlabeled += !item.value.isSet();
        loaded.items << std::move(item);
    }
    if (!loaded.items.isEmpty()) {
        const LabelItem &first = loaded.items.first();
        loaded.classNames = modelClassNames(*workspace, first.modelId, int(first.probabilities.size()));
    }
    return loaded;
}

LoadedLabelQueue flaggedQueue(const WorkspacePtr &workspace, const QString &datasetId, const CancelFlag *cancel)
{
    const QList<LabelFlag> flags = LabelFlagStore(*workspace).list(datasetId);
    QHash<qint64, int> corrections;
    for (const LabelCorrection &c : LabelCorrectionStore(*workspace).list(datasetId))
        corrections.insert(c.sampleIndex, c.label);
    LoadedLabelQueue loaded;
    if (flags.isEmpty())
        return loaded;
    const DatasetPtr data = DatasetStore(*workspace).load(datasetId);
    if (cancel && cancel->isCancelled())
        throw Cancelled();
    loaded.classNames = data->classNames;
    const qsizetype bytes = data->imageBytes();
    for (const LabelFlag &flag : flags) {
        if (flag.sampleIndex < 0 || flag.sampleIndex >= data->size())
            continue;
        LabelItem item;
        item.target = LabelTarget::image(datasetId, flag.sampleIndex);
        const std::uint8_t *pixels = data->image(flag.sampleIndex);
        item.input.assign(pixels, pixels + bytes);
        item.channels = data->channels;
        item.height = data->height;
        item.width = data->width;
        item.recorded = data->labels[size_t(flag.sampleIndex)];
        if (corrections.contains(flag.sampleIndex))
            item.value = LabelValue::of(corrections.value(flag.sampleIndex));
        else
            ++loaded.unlabeled;
        item.created = flag.flagged;
        item.modelId = flag.modelId.value_or(0);
        loaded.items << std::move(item);
    }
    return loaded;
}

} // namespace

LabelItem labelItemOf(const Workspace &workspace, ProductionSample s)
{
    LabelItem item;
    item.target = LabelTarget::sample(s.id);
    item.input = std::move(s.input);
    item.channels = s.channels;
    item.height = s.height;
    item.width = s.width;
    item.probabilities = std::move(s.probabilities);
    item.predicted = s.predicted;
    item.value = s.discarded ? LabelValue::discard() : LabelValue{s.label, false};
    item.imagePath = s.imagePath.isEmpty() ? QString() : workspace.absolute(s.imagePath);
    item.source = s.source;
    item.originalName = s.originalName;
    item.created = s.created;
    item.modelId = s.modelId;
    return item;
}

QStringList modelClassNames(const Workspace &workspace, qint64 modelId, int classCount)
{
    try {
        if (const std::optional<ModelVersion> model = ModelRegistry(workspace).model(modelId)) {
            const QStringList names = readModelInfo(workspace.absolute(model->path)).classNames;
            if (classCount <= 0 || names.size() == classCount)
                return names;
        }
    } catch (const Error &) {
        // An unreadable model.json: numbers say as much as names here.
    }
    return numbered(classCount);
}

LoadedLabelQueue loadLabelQueue(const WorkspacePtr &workspace, const LabelSourceRequest &request, const CancelFlag *cancel)
{
    try {
        if (request.sampleIds)
            return sampleListQueue(workspace, *request.sampleIds, cancel);
        return request.datasetId.isEmpty() ? productionQueue(workspace, request.production, cancel)
                                           : flaggedQueue(workspace, request.datasetId, cancel);
    } catch (const Error &e) {
        LoadedLabelQueue failed;
        failed.error = e.message();
        return failed;
    } catch (const std::exception &e) {
        LoadedLabelQueue failed;
        failed.error = QString::fromUtf8(e.what());
        return failed;
    }
}

QList<FlaggedDataset> flaggedDatasets(const Workspace &workspace)
{
    QList<FlaggedDataset> result;
    const LabelFlagStore flags(workspace);
    for (const DatasetVersion &v : DatasetStore(workspace).list()) {
        const qsizetype n = flags.flaggedIndices(v.id).size();
        if (n > 0)
            result.append({v.id, v.name, n});
    }
    return result;
}

} // namespace mlwb
