// Image folders described by groundtruth.csv, read by ingest(): part 0 is the CSV, parts
// 1.. are the files 0.png, 1.png, ... next to it. Beside the data folder lies outside.png
// and inside it link.png → ../outside.png, so that names leading out of the folder (the
// CSV may write "../outside.png", "link.png", "/etc/passwd") are exercised.
#include "FuzzSupport.h"

#include "data/Ingest.h"


using namespace mlwb;

namespace {

// A valid 2×2 grey PNG.
const QByteArray outsidePng = QByteArray::fromHex("89504e470d0a1a0a0000000d4948445200000002000000020800000000577b43"
                                                  "f80000000c49444154789c63606060000000040001f61738550000000049454e"
                                                  "44ae426082");

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    fuzz::writeFile(fuzz::Scratch::instance().base() + QStringLiteral("/outside.png"), outsidePng);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const std::vector<QByteArray> parts = fuzz::splitParts(data, size, 9);
    const QString dir = fuzz::Scratch::instance().fresh();
    fuzz::writeFile(dir + QStringLiteral("/groundtruth.csv"), parts[0]);
    for (size_t i = 1; i < parts.size(); ++i)
        fuzz::writeFile(QStringLiteral("%1/%2.png").arg(dir).arg(i - 1), parts[i]);
    QFile::link(QStringLiteral("../outside.png"), dir + QStringLiteral("/link.png"));
    fuzz::expectOnlyErrors([&] { ingest(dir, fuzz::ingestOptions(SourceFormat::PngCsv, data, size)); });
    return 0;
}
