#pragma once
#include "data/Ingest.h"

namespace mlwb::detail {

// One folder per class: root/<class>/*.png (→ Train), or root/train/<class>/ (→ Train) and
// root/test/<class>/ (→ Test). Class names are the folder names sorted by code point, or
// options.classNames (then every folder must be one of them). Images in a class folder are
// read in name order.
Dataset readClassFolders(const QString &root, const IngestOptions &options);

// Does `folder` hold sub-folders with image files (directly or under train/)?
bool looksLikeClassFolders(const QString &folder);

} // namespace mlwb::detail
