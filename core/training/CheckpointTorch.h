#pragma once
// Private to core/training's .cpp files: includes torch.
#include "models/NetworkTorch.h"

#include <QJsonObject>

namespace mlwb {

// One file: the network's parameters and buffers, the optimizer's state, and `meta` (JSON:
// epoch, settings, data hash, metrics). Written to a temporary file, then renamed.
void saveCheckpoint(const QString &path, Network &network, torch::optim::Optimizer &optimizer, const QJsonObject &meta);

// Only the meta of a checkpoint. Throws Error naming the file.
QJsonObject readCheckpointMeta(const QString &path);

// Restores network and optimizer (built for the same spec and settings) from `path`.
void loadCheckpoint(const QString &path, Network &network, torch::optim::Optimizer &optimizer);

} // namespace mlwb
