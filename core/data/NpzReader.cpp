#include "data/NpzReader.h"

#include "common/Error.h"
#include "data/IngestSupport.h"
#include "data/NpyArray.h"
#include "data/ZipArchive.h"

#include <limits>

namespace mlwb::detail {
namespace {

struct Member {
    const ZipArchive::Entry *entry;
    NpyArray header; // parsed header, no bytes yet
};

// Reads only the .npy header of `key` (inflating no more than its bytes) and checks that the
// archive's size for the entry is what the header's shape needs: a member that would
// inflate to gigabytes behind a small shape is refused here, before it is inflated.
Member readHeader(const ZipArchive &zip, const QString &key)
{
    const ZipArchive::Entry *entry = zip.find(key + QStringLiteral(".npy"));
    const QString origin = QStringLiteral("%1, array %2").arg(zip.path(), key);
    NpyArray header;
    try {
        const qint64 headerEnd = npyHeaderEnd(zip.readPrefix(*entry, 12), origin);
        header = parseNpyHeader(zip.readPrefix(*entry, headerEnd), origin);
    } catch (const Error &) {
        // A prefix is not CRC-checked: a damaged header of a stored entry (its bytes are all
        // in the file already) is better reported as the damage.
        if (entry->method == 0)
            zip.read(*entry);
        throw;
    }
    if (entry->size != header.totalSize())
        throw Error(QStringLiteral("%1: %2 data of shape %3 needs %4 bytes after offset %5, got %6 (the size the archive records)")
                        .arg(origin, header.descr, header.shapeText()).arg(header.payloadBytes).arg(header.dataOffset)
                        .arg(entry->size - header.dataOffset));
    checkFitsInMemory(header.totalSize(), origin, QStringLiteral("its shape %1").arg(header.shapeText()));
    return {entry, std::move(header)};
}

// The whole array; inflating stops as soon as it passes what the shape declares.
NpyArray readArray(const ZipArchive &zip, const Member &member)
{
    return parseNpy(zip.read(*member.entry), member.header.origin);
}

// Appends x/y of one subset to `data`.
void appendArrays(const NpyArray &x, const NpyArray &y, Subset subset, Dataset &data)
{
    if (x.kind != 'u' || x.itemSize != 1)
        throw Error(QStringLiteral("%1: images must be uint8 ('|u1'), got dtype '%2'").arg(x.origin, x.descr));
    const bool channelsLast = x.shape.size() == 4;
    if (x.shape.size() != 3 && !(channelsLast && (x.shape[3] == 1 || x.shape[3] == 3)))
        throw Error(QStringLiteral("%1: images must have shape N×H×W or N×H×W×C with C = 1 or 3, got %2")
                        .arg(x.origin, x.shapeText()));
    const qint64 n = x.shape[0];
    if (x.shape[1] > std::numeric_limits<int>::max() || x.shape[2] > std::numeric_limits<int>::max())
        throw Error(QStringLiteral("%1: images of shape %2 are too large").arg(x.origin, x.shapeText()));
    const int height = int(x.shape[1]), width = int(x.shape[2]);
    const int channels = channelsLast ? int(x.shape[3]) : 1;
    if (height <= 0 || width <= 0)
        throw Error(QStringLiteral("%1: empty image size in shape %2").arg(x.origin, x.shapeText()));
    if (!y.isInteger())
        throw Error(QStringLiteral("%1: labels must be integers, got dtype '%2'").arg(y.origin, y.descr));
    if (!(y.shape.size() == 1 || (y.shape.size() == 2 && y.shape[1] == 1)))
        throw Error(QStringLiteral("%1: labels must have shape (N,) or (N, 1), got %2").arg(y.origin, y.shapeText()));
    if (y.shape[0] != n)
        throw Error(QStringLiteral("%1 holds %2 images but %3 holds %4 labels").arg(x.origin).arg(n).arg(y.origin).arg(y.shape[0]));
    if (data.labels.empty()) {
        data.channels = channels;
        data.height = height;
        data.width = width;
    } else if (channels != data.channels || height != data.height || width != data.width) {
        throw Error(QStringLiteral("%1: images are %2×%3×%4 (C×H×W), the training images %5×%6×%7")
                        .arg(x.origin).arg(channels).arg(height).arg(width).arg(data.channels).arg(data.height).arg(data.width));
    }
    const qint64 nClasses = data.classNames.size();
    const size_t firstLabel = data.labels.size();
    data.labels.resize(firstLabel + size_t(n));
    for (qint64 i = 0; i < n; ++i) {
        const qint64 label = y.integerAt(i);
        if (label < 0 || label >= nClasses)
            throw Error(QStringLiteral("%1: label %2 at index %3 is outside the %4 classes (0..%5)")
                            .arg(y.origin).arg(label).arg(i).arg(nClasses).arg(nClasses - 1));
        data.labels[firstLabel + size_t(i)] = std::uint8_t(label);
    }
    const size_t plane = size_t(height) * size_t(width);
    const size_t imageBytes = plane * size_t(channels);
    const size_t firstPixel = data.pixels.size();
    data.pixels.resize(firstPixel + size_t(n) * imageBytes);
    std::uint8_t *out = data.pixels.data() + firstPixel;
    const std::uint8_t *in = x.data();
    if (channels == 1) {
        std::copy(in, in + size_t(n) * imageBytes, out);
    } else {
        // H×W×C → C×H×W, image by image.
        for (qint64 i = 0; i < n; ++i, in += imageBytes, out += imageBytes)
            for (size_t p = 0; p < plane; ++p)
                for (int c = 0; c < channels; ++c)
                    out[size_t(c) * plane + p] = in[p * size_t(channels) + size_t(c)];
    }
    data.subsets.insert(data.subsets.end(), size_t(n), std::uint8_t(subset));
}

} // namespace

Dataset readNpz(const QString &path, const IngestOptions &options)
{
    const ZipArchive zip(path);
    auto has = [&zip](const char *key) { return zip.find(QLatin1String(key) + QStringLiteral(".npy")) != nullptr; };
    for (const char *key : {"x_train", "y_train"}) {
        if (!has(key)) {
            QStringList names = zip.names();
            if (names.size() > 8)
                names = names.mid(0, 8) << QStringLiteral("…");
            throw Error(QStringLiteral("%1: a zip archive but not a Keras MNIST .npz: it has no %2.npy (it holds: %3)")
                            .arg(path, QLatin1String(key), names.isEmpty() ? QStringLiteral("nothing") : names.join(QStringLiteral(", "))));
        }
    }
    if (has("x_test") != has("y_test"))
        throw Error(QStringLiteral("%1: has %2.npy but not %3.npy")
                        .arg(path, QLatin1String(has("x_test") ? "x_test" : "y_test"), QLatin1String(has("x_test") ? "y_test" : "x_test")));
    const bool hasTest = has("x_test");

    Dataset data;
    data.classNames = options.classNames.isEmpty() ? digitClassNames() : options.classNames;
    ProgressCounter progress(options.progress, hasTest ? 4 : 2);
    auto readPair = [&](const QString &x, const QString &y, Subset subset) {
        // Both headers first: their counts must agree before either array is inflated.
        const Member xMember = readHeader(zip, x), yMember = readHeader(zip, y);
        const std::vector<qint64> &xShape = xMember.header.shape, &yShape = yMember.header.shape;
        if (!xShape.empty() && !yShape.empty() && xShape[0] != yShape[0])
            throw Error(QStringLiteral("%1 holds %2 images but %3 holds %4 labels")
                            .arg(xMember.header.origin).arg(xShape[0]).arg(yMember.header.origin).arg(yShape[0]));
        const NpyArray images = readArray(zip, xMember);
        progress.advance(1);
        throwIfCancelled(options.cancel);
        const NpyArray labels = readArray(zip, yMember);
        progress.advance(1);
        appendArrays(images, labels, subset, data);
        throwIfCancelled(options.cancel);
    };
    readPair(QStringLiteral("x_train"), QStringLiteral("y_train"), Subset::Train);
    if (hasTest)
        readPair(QStringLiteral("x_test"), QStringLiteral("y_test"), Subset::Test);
    progress.finish();
    return data;
}

} // namespace mlwb::detail
