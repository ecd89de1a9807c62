#include "jobs/StoredEvaluations.h"

#include "common/Error.h"
#include "evaluation/Corruptions.h"
#include "models/ModelFiles.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>
#include <algorithm>

namespace mlwb {

namespace {

qint64 folderBytes(const QString &dir)
{
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}

// Median and 99th percentile of one-image predictions on one thread, as a user's single
// request would see them.
QJsonObject singleImageLatency(const QString &modelDir, const Dataset &data, const std::vector<qint64> &indices)
{
    std::unique_ptr<Classifier> classifier = loadClassifier(modelDir, 1);
    std::vector<float> x(size_t(data.imageBytes()));
    std::vector<float> p(size_t(classifier->numClasses()));
    std::vector<double> ms;
    const int runs = int(std::min<size_t>(200, std::max<size_t>(indices.size(), 1)));
    for (int r = 0; r < runs && !indices.empty(); ++r) {
        const std::uint8_t *image = data.image(indices[size_t(r) % indices.size()]);
        QElapsedTimer timer;
        timer.start();
        std::transform(image, image + data.imageBytes(), x.begin(), [](std::uint8_t v) { return float(v) / 255.0f; });
        classifier->predict(x.data(), 1, p.data());
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
    return {{QStringLiteral("p50"), at(0.5)}, {QStringLiteral("p99"), at(0.99)}};
}

void checkCompatible(const ModelInfo &info, const Dataset &data, const QString &datasetId, qint64 modelId)
{
    if (info.channels != data.channels || info.height != data.height || info.width != data.width)
        throw UsageError(QStringLiteral("model %1 takes %2×%3×%4 images, data set %5 has %6×%7×%8")
                             .arg(modelId).arg(info.channels).arg(info.height).arg(info.width).arg(datasetId.left(12))
                             .arg(data.channels).arg(data.height).arg(data.width));
    if (info.classNames.size() != data.classNames.size())
        throw UsageError(QStringLiteral("model %1 predicts %2 classes, data set %3 has %4")
                             .arg(modelId).arg(info.classNames.size()).arg(datasetId.left(12)).arg(data.classNames.size()));
}

} // namespace

std::vector<qint64> testIndices(const Dataset &data)
{
    std::vector<qint64> indices;
    for (qsizetype i = 0; i < data.size(); ++i)
        if (data.subset(i) == Subset::Test)
            indices.push_back(i);
    return indices;
}

EvaluationRecord storeEvaluation(const Workspace &workspace, const ModelVersion &model, const Dataset &data,
                                 const QString &datasetId, const EvaluationResult &result)
{
    const QString dir = workspace.absolute(model.path);
    QJsonObject summary{{QStringLiteral("parameters"), model.parameterCount},
                        {QStringLiteral("sizeBytes"), folderBytes(dir)},
                        {QStringLiteral("latencyMs"), singleImageLatency(dir, data, result.indices)}};
    return EvaluationStore(workspace).save(model.id, datasetId, result, data.classNames, summary);
}

OpenedEvaluation obtainEvaluation(const Workspace &workspace, const EvaluationRequest &request,
                                  const ProgressFn &progress, const CancelFlag *cancel)
{
    OpenedEvaluation opened;
    opened.model = ModelRegistry(workspace).require(request.modelId);
    const QString ref = request.datasetRef.isEmpty() ? opened.model.datasetId : request.datasetRef;
    if (ref.isEmpty())
        throw UsageError(QStringLiteral("model %1 does not record its data set: name one").arg(opened.model.id));
    const DatasetStore datasets(workspace);
    const QString datasetId = datasets.require(ref).id;
    opened.data = datasets.load(datasetId);
    opened.classNames = opened.data->classNames;
    const std::vector<qint64> test = testIndices(*opened.data);
    if (test.empty())
        throw UsageError(QStringLiteral("data set %1 has no test images").arg(datasetId.left(12)));
    const QString modelDir = workspace.absolute(opened.model.path);
    const int threads = request.threads > 0 ? request.threads : QThread::idealThreadCount();
    const EvaluationStore store(workspace);
    // Loaded once, when a pass over the test split needs it (a stored evaluation needs none).
    std::unique_ptr<Classifier> classifier;
    auto loadedClassifier = [&]() -> Classifier & {
        if (!classifier)
            classifier = loadClassifier(modelDir, threads);
        return *classifier;
    };

    std::optional<EvaluationRecord> stored = request.recompute ? std::nullopt : store.find(opened.model.id, datasetId);
    if (stored && stored->samples == qint64(test.size())) {
        opened.record = *stored;
        opened.samples = std::make_shared<const EvaluationResult>(store.loadSamples(*stored));
    } else {
        checkCompatible(readModelInfo(modelDir), *opened.data, datasetId, opened.model.id);
        auto result = std::make_shared<EvaluationResult>(evaluate(loadedClassifier(), *opened.data, test, 500, 100, progress, cancel));
        QJsonObject summary{{QStringLiteral("parameters"), opened.model.parameterCount},
                            {QStringLiteral("sizeBytes"), folderBytes(modelDir)},
                            {QStringLiteral("latencyMs"), singleImageLatency(modelDir, *opened.data, test)}};
        opened.record = store.save(opened.model.id, datasetId, *result, opened.classNames, summary);
        opened.samples = std::move(result);
        opened.computed = true;
    }
    if (!opened.record.summary.contains(QStringLiteral("latencyMs"))) {
        const QJsonObject latency = singleImageLatency(modelDir, *opened.data, test);
        store.setSummaryValue(opened.record.id, QStringLiteral("latencyMs"), latency);
        opened.record.summary[QStringLiteral("latencyMs")] = latency;
    }
    if (request.robustness && !opened.record.summary.contains(QStringLiteral("robustness"))) {
        const QJsonArray curves = corruptionCurvesToJson(
            corruptionCurves(loadedClassifier(), *opened.data, test, 1, 500, progress, cancel));
        store.setSummaryValue(opened.record.id, QStringLiteral("robustness"), curves);
        opened.record.summary[QStringLiteral("robustness")] = curves;
    }
    return opened;
}

} // namespace mlwb
