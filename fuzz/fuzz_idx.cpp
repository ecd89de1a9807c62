// IDX files as they lie on disk, raw or gzip'd (told apart by their first bytes):
// parts train-images, train-labels[, t10k-images, t10k-labels] of a folder, read by ingest().
#include "FuzzSupport.h"

#include "data/Ingest.h"

using namespace mlwb;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const std::vector<QByteArray> parts = fuzz::splitParts(data, size, 4);
    const QString dir = fuzz::Scratch::instance().fresh();
    static const char *const names[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                        "t10k-labels-idx1-ubyte"};
    for (size_t i = 0; i < parts.size(); ++i)
        fuzz::writeFile(dir + u'/' + QLatin1String(names[i]), parts[i]);
    fuzz::expectOnlyErrors([&] { ingest(dir, fuzz::ingestOptions(SourceFormat::Idx, data, size)); });
    return 0;
}
