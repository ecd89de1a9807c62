// CIFAR-10 binary batches read by ingest(): parts data_batch_1.bin[, test_batch.bin[,
// batches.meta.txt]] of a folder.
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
    const std::vector<QByteArray> parts = fuzz::splitParts(data, size, 3);
    const QString dir = fuzz::Scratch::instance().fresh();
    static const char *const names[] = {"data_batch_1.bin", "test_batch.bin", "batches.meta.txt"};
    for (size_t i = 0; i < parts.size(); ++i)
        fuzz::writeFile(dir + u'/' + QLatin1String(names[i]), parts[i]);
    fuzz::expectOnlyErrors([&] { ingest(dir, fuzz::ingestOptions(SourceFormat::Cifar10, data, size)); });
    return 0;
}
