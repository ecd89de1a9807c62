#pragma once
#include "data/Ingest.h"

namespace mlwb::detail {

// MNIST IDX files, raw or gzip'd (told apart by the gzip magic, not the name).
// `path` is a folder holding train-images-idx3-ubyte[.gz] + train-labels-idx1-ubyte[.gz]
// (→ Train) and optionally t10k-images-idx3-ubyte[.gz] + t10k-labels-idx1-ubyte[.gz]
// (→ Test), or one images file whose labels file (…labels-idx1-ubyte…) lies next to it.
// Class names: options.classNames, else "0".."9"; a label outside them is an error.
Dataset readIdx(const QString &path, const IngestOptions &options);

// The IDX images file of a folder for `prefix` ("train" or "t10k"), or an empty string.
QString findIdxFile(const QString &folder, const QString &prefix, bool images);

// Does the file start like an IDX images file (magic 0x00000803, raw or gzip'd)?
bool looksLikeIdxImages(const QString &file);

} // namespace mlwb::detail
