#pragma once
#include "common/Cancel.h"
#include "registry/ModelVersion.h"

#include <QString>

namespace mlwb {

class Workspace;

// Registers a TorchScript classifier made elsewhere (torch.jit.save in Python) as a model
// version for a data set version: it must take that data set's N×C×H×W images as floats in
// [0, 1] and return N × classes logits or probabilities. It is evaluated on the data set's
// test split before it is registered, with the accuracy and F1s it got there, and the
// evaluation is stored. architecture is `name`, or "torchscript" without one.
// Throws Error naming the file when it is not TorchScript or does not fit the data set,
// UsageError for an unknown data set or one without test images, Cancelled when the flag is
// raised; the workspace is left as it was then.
ModelVersion importModel(const Workspace &workspace, const QString &file, const QString &datasetRef,
                         const QString &name = {}, int threads = 0, const ProgressFn &progress = {},
                         const CancelFlag *cancel = nullptr);

} // namespace mlwb
