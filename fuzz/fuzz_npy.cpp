// .npy arrays in memory: npyHeaderEnd, parseNpyHeader and parseNpy. What parses must
// describe exactly the bytes it holds, and every element must be readable in bounds.
#include "FuzzSupport.h"

#include "data/NpyArray.h"

using namespace mlwb;
using namespace mlwb::detail;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size)); // a copy: ASan sees its end
    const QString origin = QStringLiteral("fuzz.npy");
    fuzz::expectOnlyErrors([&] {
        // The way NpzReader reads a member: the first 12 bytes, then the header, then all.
        const qint64 headerEnd = npyHeaderEnd(bytes.left(12), origin);
        MLWB_FUZZ_CHECK(headerEnd >= 10);
        const NpyArray header = parseNpyHeader(bytes.left(headerEnd), origin);
        MLWB_FUZZ_CHECK(header.dataOffset == headerEnd && header.bytes.isEmpty());
        const NpyArray array = parseNpy(bytes, origin);
        MLWB_FUZZ_CHECK(array.totalSize() == bytes.size());
        MLWB_FUZZ_CHECK(array.payloadBytes == array.elements * array.itemSize);
        if (array.isInteger()) {
            qint64 sum = 0;
            for (qint64 i = 0; i < array.count(); ++i)
                sum ^= array.integerAt(i);
            (void)sum;
        }
        (void)array.shapeText();
    });
    return 0;
}
