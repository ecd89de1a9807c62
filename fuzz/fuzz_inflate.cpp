// The zlib layer under the IDX (.gz) and zip readers: gunzip, inflateRaw, inflateRawPrefix
// on arbitrary bytes, with the limits the readers pass. The first two bytes choose the
// function and the limit; the output must never pass the limit asked for.
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
    const int mode = data[0] % 3;
    // Limits from 0 to a few MB: enough for a bomb to show, small enough to stay fast.
    const qint64 limit = (qint64(1) << (data[1] % 23)) - 1 + data[1] / 23;
    const QByteArray in(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2)); // a copy: ASan sees its end
    const QString origin = QStringLiteral("fuzz");
    fuzz::expectOnlyErrors([&] {
        switch (mode) {
        case 0: {
            const QByteArray out = gunzip(in, origin, data[1] & 1 ? -1 : limit);
            MLWB_FUZZ_CHECK(out.size() <= (data[1] & 1 ? maxInflatedSize(in.size()) : limit));
            break;
        }
        case 1: {
            const QByteArray out = inflateRaw(in.constData(), in.size(), limit, origin);
            MLWB_FUZZ_CHECK(out.size() == limit);
            break;
        }
        default: {
            const QByteArray out = inflateRawPrefix(in.constData(), in.size(), limit, origin);
            MLWB_FUZZ_CHECK(out.size() <= limit);
            break;
        }
        }
    });
    return 0;
}
