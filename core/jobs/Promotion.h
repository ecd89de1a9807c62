#pragma once
#include "registry/ModelRegistry.h"

namespace mlwb {

class Workspace;

// Promotes modelId to production past every gate, the one that needs evaluations included:
// with gates.mustBeatProduction and another model in production, both are evaluated on the
// candidate's data set version (stored evaluations are read, missing ones computed and
// stored) and the candidate's macro-F1 there must be higher. Production that cannot be
// evaluated there (other classes or image size) fails that gate too. Throws GateError with
// every failure, UsageError for an unknown model; otherwise as ModelRegistry::promote.
// For the CLI and the GUI alike.
ModelRegistry::PromoteResult promoteThroughGates(const Workspace &workspace, qint64 modelId, const Gates &gates,
                                                 const QString &note = {}, int threads = 0);

// The "must beat production" gate alone: empty when it passes (or does not apply).
QStringList beatProductionFailures(const Workspace &workspace, const ModelVersion &candidate, int threads = 0);

} // namespace mlwb
