#pragma once
#include "data/Ingest.h"

#include <QImage>
#include <QString>
#include <vector>

namespace mlwb {

// The first few images of a source that is about to be imported, read cheaply without
// ingesting it: the first images of an IDX images file (or of the folder's train file),
// the first PNG files of a PNG layout, the first records of a CIFAR-10 batch. Empty when
// that is not cheap (npz) or the source cannot be read: import reports the real error.
std::vector<QImage> previewSource(const QString &path, SourceFormat format, int count = 8);

} // namespace mlwb
