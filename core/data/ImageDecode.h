#pragma once
// Parallel decoding of image files (PNG, JPEG, BMP, PNM) into a Dataset's pixels.
#include "data/Ingest.h"

#include <QStringList>

namespace mlwb::detail {

// Decodes `files` into data.pixels (C×H×W each, in the order given) and sets
// data.channels / height / width; labels and subsets are the caller's. Channels come from
// the first image: 1 when it is grey (or colour with R = G = B everywhere), else 3 (RGB);
// the others are converted to it. The size is options.width×options.height when set,
// else the first image's; an image of another size is refused naming it and both sizes,
// unless options.resize (then it is resized with area interpolation). Runs on
// options.threads threads, reports progress per image, checks options.cancel.
void decodeImagesInto(Dataset &data, const QStringList &files, const IngestOptions &options);

} // namespace mlwb::detail
