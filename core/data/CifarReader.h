#pragma once
#include "data/Ingest.h"

namespace mlwb::detail {

// CIFAR-10 binary version: a folder (or its cifar-10-batches-bin/ sub-folder) with
// data_batch_1..5.bin (→ Train) and/or test_batch.bin (→ Test); each record is one label
// byte and 3×32×32 pixel bytes (R, G, B planes). Class names: options.classNames, else the
// lines of batches.meta.txt, else the ten standard names.
Dataset readCifar10(const QString &folder, const IngestOptions &options);

// The folder holding the batches: `folder` itself or its cifar-10-batches-bin/; empty if neither.
QString cifarBatchFolder(const QString &folder);

} // namespace mlwb::detail
