#pragma once
#include "common/Cancel.h"
#include "data/Dataset.h"

#include <QString>
#include <QStringList>

namespace mlwb {

// The on-disk layouts a data set can be read from.
enum class SourceFormat {
    Auto,         // detectFormat() decides
    Idx,          // MNIST IDX files (raw or .gz) in a folder, or one images file + its labels file
    Npz,          // Keras mnist.npz (x_train, y_train, x_test, y_test)
    PngCsv,       // root/{train,test}/ with PNGs and groundtruth.csv (or root/groundtruth.csv)
    ClassFolders, // root/<class>/*.png or root/{train,test}/<class>/*.png
    Cifar10,      // CIFAR-10 binary batches (data_batch_N.bin, test_batch.bin)
};

QString formatName(SourceFormat format); // "auto", "idx", "npz", "png-csv", "class-folders", "cifar10"
SourceFormat parseFormat(const QString &name); // throws UsageError listing the valid names

// Looks at a file or folder and names its layout; throws Error naming the path when it
// cannot tell.
SourceFormat detectFormat(const QString &path);

struct IngestOptions {
    SourceFormat format = SourceFormat::Auto;
    // Images whose size differs from the data set's (the first image's, or width×height
    // when both are set) are refused unless `resize` is set; then they are resized (area).
    bool resize = false;
    int width = 0, height = 0;
    QStringList classNames;     // empty: from the source (folders, CSV, meta file) or "0".."9"
    double testFraction = 0.2;  // share of each class put in Test when the source has no test part
    quint64 seed = 0;           // seed of that choice
    int threads = 0;            // image decoding threads; 0: one per core
    ProgressFn progress;        // called from the reading thread(s), never concurrently
    const CancelFlag *cancel = nullptr;
};

// Reads the whole data set at `path` (a folder, an .npz file, or an IDX images file) into
// memory and validates it. Throws Error naming the file and what is wrong, Cancelled when
// options.cancel was raised, UsageError for bad options.
Dataset ingest(const QString &path, const IngestOptions &options = {});

// Fashion-MNIST's class names (its IDX files carry only indices). Part of a data set's
// content, so never translated: the same files give the same version id in every language.
QStringList fashionMnistClassNames();

} // namespace mlwb
