// The zip container of .npz files: ZipArchive's central directory (zip64 included) and
// every entry's prefix and content.
#include "FuzzSupport.h"

#include "data/Inflate.h"
#include "data/ZipArchive.h"

using namespace mlwb;
using namespace mlwb::detail;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QString dir = fuzz::Scratch::instance().fresh();
    const QString path = dir + QStringLiteral("/fuzz.zip");
    fuzz::writeFile(path, QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    fuzz::expectOnlyErrors([&] {
        const ZipArchive zip(path);
        (void)zip.names();
        size_t n = 0;
        for (const ZipArchive::Entry &e : zip.entries()) {
            if (++n > 64)
                break;
            MLWB_FUZZ_CHECK(zip.find(e.name) != nullptr);
            fuzz::expectOnlyErrors([&] {
                const QByteArray prefix = zip.readPrefix(e, 64);
                MLWB_FUZZ_CHECK(prefix.size() <= 64);
            });
            fuzz::expectOnlyErrors([&] {
                const QByteArray content = zip.read(e);
                MLWB_FUZZ_CHECK(content.size() == e.size);
            });
        }
    });
    return 0;
}
