#include "jobs/ModelImport.h"

#include "common/AtomicFolder.h"
#include "common/Error.h"
#include "jobs/StoredEvaluations.h"
#include "models/ModelFiles.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QThread>

namespace mlwb {

ModelVersion importModel(const Workspace &workspace, const QString &file, const QString &datasetRef,
                         const QString &name, int threads, const ProgressFn &progress, const CancelFlag *cancel)
{
    const QString source = QFileInfo(file).absoluteFilePath();
    const DatasetStore datasets(workspace);
    const QString datasetId = datasets.require(datasetRef).id;
    const DatasetPtr data = datasets.load(datasetId);
    const std::vector<qint64> test = testIndices(*data);
    if (test.empty())
        throw UsageError(QStringLiteral("data set %1 has no test images to evaluate the model on").arg(datasetId.left(12)));

    ModelInfo wanted;
    wanted.classNames = data->classNames;
    wanted.channels = data->channels;
    wanted.height = data->height;
    wanted.width = data->width;
    ModelInfo info = checkTorchScriptModel(source, wanted); // throws naming the file
    if (!name.isEmpty())
        info.training[QStringLiteral("name")] = name;

    // Staged beside models/ on the same file system, so that registering renames it in. Until
    // then it is a temporary folder: removed when anything fails, and by the next writer in
    // models/ when this process is killed.
    AtomicFolder staging(QDir(workspace.modelsDir()).filePath(QStringLiteral("import")));
    const QString staged = staging.path();
    const QString copy = importedModelPath(staged);
    if (!QFile::copy(source, copy))
        throw Error(QStringLiteral("%1: cannot copy it to %2").arg(source, copy));
    writeFileAtomically(QDir(staged).filePath(QStringLiteral("imported.json")),
                        QJsonDocument(info.training).toJson(QJsonDocument::Indented));
    staging.sync();

    // Evaluated first: a model that cannot be evaluated is not registered.
    std::unique_ptr<Classifier> classifier = loadClassifier(staged, threads > 0 ? threads : QThread::idealThreadCount());
    const EvaluationResult evaluation = evaluate(*classifier, *data, test, 500, 100, progress, cancel);
    classifier.reset();

    NewModel model;
    model.datasetId = datasetId;
    model.architecture = name.isEmpty() ? QStringLiteral("torchscript") : name;
    model.parameterCount = info.parameterCount;
    model.accuracy = evaluation.report.accuracy;
    model.macroF1 = evaluation.report.macroF1;
    model.weightedF1 = evaluation.report.weightedF1;
    model.evaluation = evaluation.toJson(data->classNames);
    model.settings = info.training;
    const ModelVersion registered = ModelRegistry(workspace).registerModel(model, staged);
    storeEvaluation(workspace, registered, *data, datasetId, evaluation);
    return registered;
}

} // namespace mlwb
