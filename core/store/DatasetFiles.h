#pragma once
#include "store/DatasetStore.h"

#include <QString>
#include <memory>

namespace mlwb {

// The folder of one data set version:
//   images.u8   N×C×H×W pixels        labels.u8   N class indices
//   subsets.u8  N Subset values       manifest.json  the version's fields and the file sizes
// Used by DatasetStore only.
namespace datasetfiles {

inline constexpr int kManifestVersion = 1;

// Writes the four files into `dir` (an AtomicFolder's path(): private until the caller
// commits it, which flushes them to disk). The manifest is written last.
void write(const QString &dir, const Dataset &data, const DatasetVersion &version);

// Reads the folder back. Throws Error naming the file when a file is missing, or its size
// differs from the manifest and from the version's counts.
std::shared_ptr<Dataset> read(const QString &dir, const DatasetVersion &version);

// Whether the folder has a manifest and files of the sizes it announces (no byte check).
bool looksIntact(const QString &dir, const DatasetVersion &version);

} // namespace datasetfiles
} // namespace mlwb
