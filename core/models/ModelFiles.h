#pragma once
#include "evaluation/Classifier.h"
#include "models/ModelSpec.h"
#include "models/Precision.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>
#include <vector>

namespace mlwb {

// What a trained model is, apart from its weights. A model directory holds
//   model.json  this, as JSON
//   weights.pt  the parameters and buffers (libtorch archive; read by loadClassifier)
// The input normalisation (x - mean) / std belongs to the model: it takes [0, 1] floats.
struct ModelInfo {
    ModelSpec spec;
    QStringList classNames;
    int channels = 1, height = 28, width = 28;
    std::vector<float> mean; // one per channel, of the training images in [0, 1]
    std::vector<float> std;  // one per channel, > 0
    qint64 parameterCount = 0;
    QJsonObject training; // the settings it was trained with (lineage); may be empty

    int numClasses() const { return int(classNames.size()); }
    QJsonObject toJson() const;
    // Throws Error naming `origin` and the bad field.
    static ModelInfo fromJson(const QJsonObject &json, const QString &origin);
};

QString modelInfoPath(const QString &modelDir); // <dir>/model.json
// An imported model's folder holds, instead of model.json and weights.pt:
//   imported.pt    the TorchScript file as it was given
//   imported.json  {"classNames", "channels", "height", "width", "parameterCount", "output", "source"}
QString importedModelPath(const QString &modelDir); // <dir>/imported.pt
QString modelWeightsPath(const QString &modelDir); // <dir>/weights.pt

// Reads <dir>/model.json (for an imported model, imported.json: its spec is empty, its
// normalisation 0/1, since the file normalises by itself). Throws Error naming the file when
// missing or invalid.
ModelInfo readModelInfo(const QString &modelDir);

// The model as a Classifier: eval mode, no gradients, softmax probabilities, warmed up.
// threads > 0 sets libtorch's intra-op threads for its calls; 0 leaves them as they are.
// Throws Error naming the file when the model cannot be read.
// precision: see Precision.h (an imported TorchScript model always runs as it was saved).
std::unique_ptr<Classifier> loadClassifier(const QString &modelDir, int threads = 0, Precision precision = Precision::Fp32);

// Writes a TorchScript file that Python loads with torch.jit.load(path); calling it on an
// N×C×H×W float tensor in [0, 1] returns the N×classes probabilities loadClassifier gives.
// model.json travels inside it as the extra file "model.json". Atomic.
void exportTorchScript(const QString &modelDir, const QString &outPath);

// A file written by exportTorchScript, run as a Classifier (through the TorchScript
// interpreter, not mlwb's network): checks an export, or uses one made elsewhere. `info`
// receives its model.json when not null. Throws Error naming the file.
std::unique_ptr<Classifier> loadTorchScriptClassifier(const QString &path, int threads = 0, ModelInfo *info = nullptr);

// Checks a TorchScript classifier made elsewhere (torch.jit.save in Python) for an import (the
// caller copies it to imported.pt and writes info.training as imported.json). It must take
// N×C×H×W floats in [0, 1]
// of `info`'s geometry and return N × info.numClasses() logits or probabilities: it is run on
// a probe batch, and rows that are non-negative and sum to 1 mark it as giving probabilities
// (anything else gets a softmax). Returns the info with parameterCount and training (the
// imported.json) filled in. Throws Error naming the file when it is not TorchScript, fails on
// the probe or gives another shape.
ModelInfo checkTorchScriptModel(const QString &file, ModelInfo info);

} // namespace mlwb
