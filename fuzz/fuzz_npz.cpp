// Keras-style .npz files, read by ingest() as the CLI does: zip, .npy headers, shapes,
// labels, the channels-last to C×H×W copy.
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
    const QString dir = fuzz::Scratch::instance().fresh();
    const QString path = dir + QStringLiteral("/fuzz.npz");
    fuzz::writeFile(path, QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    fuzz::expectOnlyErrors([&] { ingest(path, fuzz::ingestOptions(SourceFormat::Npz, data, size)); });
    return 0;
}
