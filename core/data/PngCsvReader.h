#pragma once
#include "data/Ingest.h"

namespace mlwb::detail {

// Image folders described by groundtruth.csv: root/train/ (→ Train) and optionally
// root/test/ (→ Test), or root/ alone (→ Train), each holding images and a groundtruth.csv
// with rows `file name,label` (an optional header row; file names relative to the CSV's
// folder; further columns ignored). A file name must resolve, symlinks followed, to a file
// inside `root`: absolute paths and names that lead out of it are refused. Labels are class
// indices or class names: indices into options.classNames when given, else "0".."max" when
// every label is a number, else the sorted distinct names. Without options.classNames,
// ambiguous labels are refused naming the row: numbers mixed with names, and a class with
// a single sample in a data set of 1,000 or more.
Dataset readPngCsv(const QString &root, const IngestOptions &options);

// Does `folder` look like this layout (a groundtruth.csv in it or in its train/)?
bool looksLikePngCsv(const QString &folder);

} // namespace mlwb::detail
