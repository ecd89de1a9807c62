#include "data/Dataset.h"

#include "common/Error.h"

#include <QCryptographicHash>

namespace mlwb {

qsizetype Dataset::count(Subset s) const
{
    return qsizetype(std::count(subsets.begin(), subsets.end(), std::uint8_t(s)));
}

std::vector<qint64> Dataset::classCounts(Subset s) const
{
    std::vector<qint64> counts(size_t(classNames.size()), 0);
    for (size_t i = 0; i < labels.size(); ++i)
        if (subsets[i] == std::uint8_t(s) && labels[i] < counts.size())
            ++counts[labels[i]];
    return counts;
}

void Dataset::append(const Dataset &other)
{
    if (other.channels != channels || other.height != height || other.width != width)
        throw Error(QStringLiteral("cannot combine images of %1×%2×%3 with images of %4×%5×%6")
                        .arg(other.channels).arg(other.height).arg(other.width)
                        .arg(channels).arg(height).arg(width));
    if (other.classNames != classNames)
        throw Error(QStringLiteral("cannot combine data sets with different classes (%1 vs %2)")
                        .arg(other.classNames.join(u','), classNames.join(u',')));
    pixels.insert(pixels.end(), other.pixels.begin(), other.pixels.end());
    labels.insert(labels.end(), other.labels.begin(), other.labels.end());
    subsets.insert(subsets.end(), other.subsets.begin(), other.subsets.end());
}

void Dataset::validate(const QString &origin) const
{
    if (channels <= 0 || height <= 0 || width <= 0)
        throw Error(QStringLiteral("%1: invalid image geometry %2×%3×%4").arg(origin).arg(channels).arg(height).arg(width));
    if (labels.empty())
        throw Error(QStringLiteral("%1: contains no images").arg(origin));
    if (classNames.isEmpty() || classNames.size() > 256)
        throw Error(QStringLiteral("%1: needs between 1 and 256 classes, has %2").arg(origin).arg(classNames.size()));
    if (pixels.size() != labels.size() * size_t(imageBytes()) || subsets.size() != labels.size())
        throw Error(QStringLiteral("%1: %2 labels but %3 bytes of pixels (%4 per image)")
                        .arg(origin).arg(labels.size()).arg(pixels.size()).arg(imageBytes()));
    for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] >= classNames.size())
            throw Error(QStringLiteral("%1: label %2 of image %3 is outside the %4 classes")
                            .arg(origin).arg(labels[i]).arg(i).arg(classNames.size()));
        if (subsets[i] > std::uint8_t(Subset::Test))
            throw Error(QStringLiteral("%1: image %2 has an unknown subset %3").arg(origin).arg(i).arg(subsets[i]));
    }
}

QString Dataset::contentHash() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QByteArray header = QStringLiteral("mlwb-dataset-v1 %1 %2 %3 %4\n")
                                  .arg(channels).arg(height).arg(width).arg(classNames.join(u'\x1f')).toUtf8();
    hash.addData(header);
    auto add = [&hash](const std::vector<std::uint8_t> &v) {
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(v.data()), qsizetype(v.size())));
    };
    add(pixels);
    add(labels);
    add(subsets);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace mlwb
