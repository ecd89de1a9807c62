// The zlib layer under the gzip'd IDX reader: gunzip on arbitrary bytes, with the limits the
// reader passes. The second byte chooses the limit (the first is unused, kept so that the seeds
// stay valid); the output must never pass the limit asked for.
#include "FuzzSupport.h"

#include "data/Inflate.h"

using namespace mlwb;
using namespace mlwb::detail;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Limits from 0 to a few MB: enough for a bomb to show, small enough to stay fast.
    const qint64 limit = (qint64(1) << (data[1] % 23)) - 1 + data[1] / 23;
    const QByteArray in(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2)); // a copy: ASan sees its end
    const QString origin = QStringLiteral("fuzz");
    fuzz::expectOnlyErrors([&] {
        const QByteArray out = gunzip(in, origin, data[1] & 1 ? -1 : limit);
        MLWB_FUZZ_CHECK(out.size() <= (data[1] & 1 ? maxInflatedSize(in.size()) : limit));
    });
    return 0;
}
