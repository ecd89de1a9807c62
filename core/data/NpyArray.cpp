#include "data/NpyArray.h"

#include "common/Error.h"
#include "data/IngestSupport.h"

#include <QStringList>

#include <limits>

namespace mlwb::detail {
namespace {

// Reads the Python dict literal of an .npy header: {'descr': '<u1', 'fortran_order': False, 'shape': (2, 3), }
class HeaderParser {
public:
    HeaderParser(const QString &text, const QString &origin) : m_text(text), m_origin(origin) {}

    void parse(NpyArray &array, bool &fortranOrder)
    {
        bool seenDescr = false, seenShape = false;
        expect(u'{');
        while (!peek(u'}')) {
            const QString key = quoted();
            expect(u':');
            if (key == QLatin1String("descr")) {
                if (!peek(u'\'') && !peek(u'"'))
                    fail(QStringLiteral("structured dtypes are not supported, only plain integer arrays"));
                array.descr = quoted();
                seenDescr = true;
            } else if (key == QLatin1String("fortran_order")) {
                fortranOrder = word() == QLatin1String("True");
            } else if (key == QLatin1String("shape")) {
                array.shape = tuple();
                seenShape = true;
            } else {
                fail(QStringLiteral("unknown header key '%1'").arg(key));
            }
            if (!peek(u'}'))
                expect(u',');
        }
        if (!seenDescr || !seenShape)
            fail(QStringLiteral("header lacks 'descr' or 'shape'"));
    }

private:
    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool peek(QChar c)
    {
        skipSpaces();
        return m_pos < m_text.size() && m_text[m_pos] == c;
    }
    void expect(QChar c)
    {
        if (!peek(c))
            fail(QStringLiteral("expected '%1' at header character %2").arg(c).arg(m_pos));
        ++m_pos;
    }
    QString quoted()
    {
        skipSpaces();
        if (m_pos >= m_text.size() || (m_text[m_pos] != u'\'' && m_text[m_pos] != u'"'))
            fail(QStringLiteral("expected a quoted string at header character %1").arg(m_pos));
        const QChar quote = m_text[m_pos++];
        const qsizetype end = m_text.indexOf(quote, m_pos);
        if (end < 0)
            fail(QStringLiteral("unterminated string in header"));
        const QString value = m_text.mid(m_pos, end - m_pos);
        m_pos = end + 1;
        return value;
    }
    QString word()
    {
        skipSpaces();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && (m_text[m_pos].isLetterOrNumber() || m_text[m_pos] == u'_'))
            ++m_pos;
        if (start == m_pos)
            fail(QStringLiteral("expected a value at header character %1").arg(m_pos));
        return m_text.mid(start, m_pos - start);
    }
    std::vector<qint64> tuple()
    {
        std::vector<qint64> values;
        expect(u'(');
        while (!peek(u')')) {
            bool ok = false;
            const QString digits = word();
            const qint64 v = digits.toLongLong(&ok);
            if (!ok || v < 0)
                fail(QStringLiteral("bad dimension '%1' in shape").arg(digits));
            values.push_back(v);
            if (!peek(u')'))
                expect(u',');
        }
        expect(u')');
        return values;
    }
    [[noreturn]] void fail(const QString &what) const
    {
        throw Error(QStringLiteral("%1: bad .npy header: %2 (header: %3)").arg(m_origin, what, m_text.trimmed()));
    }

    QString m_text;
    QString m_origin;
    qsizetype m_pos = 0;
};

} // namespace

qint64 NpyArray::integerAt(qint64 i) const
{
    const std::uint8_t *p = data() + i * itemSize;
    quint64 raw = 0;
    for (int b = 0; b < itemSize; ++b)
        raw |= quint64(p[bigEndian ? itemSize - 1 - b : b]) << (8 * b);
    if (kind == 'i' && itemSize < 8 && (raw >> (8 * itemSize - 1)) & 1)
        raw |= ~quint64(0) << (8 * itemSize); // sign-extend
    return qint64(raw);
}

QString NpyArray::shapeText() const
{
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return u'(' + dims.join(QStringLiteral(", ")) + (shape.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

qint64 npyHeaderEnd(const QByteArray &bytes, const QString &origin)
{
    static const QByteArray magic("\x93NUMPY", 6);
    if (!bytes.startsWith(magic))
        throw Error(QStringLiteral("%1: not a .npy array (it does not start with \\x93NUMPY)").arg(origin));
    if (bytes.size() < 10)
        throw Error(QStringLiteral("%1: truncated .npy header (%2 bytes)").arg(origin).arg(bytes.size()));
    const int major = quint8(bytes[6]);
    if (major == 1)
        return 10 + (quint8(bytes[8]) | quint8(bytes[9]) << 8);
    if (major != 2 && major != 3)
        throw Error(QStringLiteral("%1: .npy format version %2 is not supported (1 to 3 are)").arg(origin).arg(major));
    if (bytes.size() < 12)
        throw Error(QStringLiteral("%1: truncated .npy header (%2 bytes)").arg(origin).arg(bytes.size()));
    const qint64 headerLength = qint64(quint8(bytes[8])) | qint64(quint8(bytes[9])) << 8
                                | qint64(quint8(bytes[10])) << 16 | qint64(quint8(bytes[11])) << 24;
    // NumPy itself refuses headers over 10,000 bytes unless told otherwise.
    constexpr qint64 maxHeaderLength = qint64(1) << 20;
    if (headerLength > maxHeaderLength)
        throw Error(QStringLiteral("%1: the .npy header claims %2 bytes, more than the %3 any array needs")
                        .arg(origin).arg(headerLength).arg(maxHeaderLength));
    return 12 + headerLength;
}

NpyArray parseNpyHeader(const QByteArray &bytes, const QString &origin)
{
    NpyArray array;
    array.origin = origin;
    const qint64 headerEnd = npyHeaderEnd(bytes, origin);
    const int major = quint8(bytes[6]);
    const qint64 headerStart = major == 1 ? 10 : 12;
    const qint64 headerLength = headerEnd - headerStart;
    if (headerEnd > bytes.size())
        throw Error(QStringLiteral("%1: truncated: the .npy header needs %2 bytes, the entry has %3")
                        .arg(origin).arg(headerEnd).arg(bytes.size()));
    const QString header = major == 3 ? QString::fromUtf8(bytes.constData() + headerStart, headerLength)
                                      : QString::fromLatin1(bytes.constData() + headerStart, headerLength);
    bool fortranOrder = false;
    HeaderParser(header, origin).parse(array, fortranOrder);
    if (fortranOrder)
        throw Error(QStringLiteral("%1: Fortran-order arrays are not supported (save it C-contiguous)").arg(origin));

    // descr: optional byte order (<, >, |, =), a kind letter, an item size in bytes.
    QString d = array.descr;
    if (!d.isEmpty() && QStringLiteral("<>|=").contains(d[0])) {
        array.bigEndian = d[0] == u'>';
        d = d.mid(1);
    }
    bool ok = false;
    array.kind = d.isEmpty() ? '?' : d[0].toLatin1();
    array.itemSize = d.mid(1).toInt(&ok);
    if (!ok || array.itemSize <= 0 || array.itemSize > 8 || !QStringLiteral("uibf").contains(QChar::fromLatin1(array.kind)))
        throw Error(QStringLiteral("%1: unsupported dtype '%2'").arg(origin, array.descr));

    array.dataOffset = headerEnd;
    // A shape's dimensions can multiply past 2^63 and wrap to a size that looks right.
    const QString what = QStringLiteral("the data of shape %1").arg(array.shapeText());
    array.elements = checkedProduct(array.shape, origin, what);
    array.payloadBytes = checkedMul(array.elements, array.itemSize, origin, what);
    if (array.payloadBytes > std::numeric_limits<qint64>::max() - array.dataOffset)
        throw Error(QStringLiteral("%1: %2 is too large").arg(origin, what));
    return array;
}

NpyArray parseNpy(QByteArray bytes, const QString &origin)
{
    NpyArray array = parseNpyHeader(bytes, origin);
    const qint64 got = bytes.size() - array.dataOffset;
    if (got != array.payloadBytes)
        throw Error(QStringLiteral("%1: %2 data of shape %3 needs %4 bytes after offset %5, got %6")
                        .arg(origin, array.descr, array.shapeText()).arg(array.payloadBytes).arg(array.dataOffset).arg(got));
    array.bytes = std::move(bytes);
    return array;
}

} // namespace mlwb::detail
