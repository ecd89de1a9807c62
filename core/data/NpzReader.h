#pragma once
#include "data/Ingest.h"

namespace mlwb::detail {

// Keras-style mnist.npz: x_train.npy + y_train.npy (→ Train), optionally x_test.npy +
// y_test.npy (→ Test). Images uint8 N×H×W or N×H×W×C (C = 1 or 3, channels-last, turned
// into C×H×W); labels any integer dtype, N or N×1, range-checked against the classes
// (options.classNames, else "0".."9").
Dataset readNpz(const QString &path, const IngestOptions &options);

} // namespace mlwb::detail
