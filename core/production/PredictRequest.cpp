#include "production/PredictRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <charconv>
#include <cstring>
#include <cmath>
#include <optional>
#include <string_view>

namespace mlwb {

namespace {

// round(v·255), halves away from zero, for v in [0, 1] (std::lround without its call).
std::uint8_t toPixel(double v)
{
    const double scaled = v * 255.0;
    int pixel = int(scaled);
    if (scaled - pixel >= 0.5)
        ++pixel;
    return std::uint8_t(pixel);
}

// The fast path: a strict scanner for exactly the documented shapes, with nothing else in
// them. It never decides that a body is wrong: on anything it does not expect (an unknown
// member, an escape in a key, a value outside [0, 1], a wrong count, malformed JSON) it gives
// up, and QJsonDocument reads the body again and names the problem. QJsonDocument alone costs
// ~55 µs for a 784-pixel body, this ~5–7 µs.
class FastScanner {
public:
    FastScanner(QByteArrayView body, qsizetype expected)
        : m_p(body.data()), m_end(body.data() + body.size()), m_expected(expected)
    {
    }

    std::optional<PredictBody> scan()
    {
        PredictBody result;
        space();
        if (m_p == m_end)
            return std::nullopt;
        if (*m_p == '[') {
            result.list = true;
            if (!imageList(result.requests))
                return std::nullopt;
        } else if (*m_p == '{') {
            ++m_p;
            space();
            std::string_view key;
            if (!string(key) || !colon())
                return std::nullopt;
            if (key == "pixels") {
                InferenceRequest r;
                if (!pixels(r.input))
                    return std::nullopt;
                result.requests.append(std::move(r));
            } else if (key == "images") {
                result.list = true;
                if (!imageList(result.requests))
                    return std::nullopt;
            } else {
                return std::nullopt;
            }
            space();
            if (!consume('}'))
                return std::nullopt;
        } else {
            return std::nullopt;
        }
        space();
        if (m_p != m_end || result.requests.isEmpty())
            return std::nullopt;
        return result;
    }

private:
    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool consume(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    bool colon()
    {
        space();
        if (!consume(':'))
            return false;
        space();
        return true;
    }

    // A key without escapes or control characters.
    bool string(std::string_view &out)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        out = std::string_view(start, size_t(m_p - start));
        ++m_p;
        return true;
    }

    // A JSON number (RFC 8259 grammar) in [0, 1] as its pixel, round(v·255) of the double v the
    // text denotes (the double from_chars and QJsonDocument read). Up to 19 significant digits
    // are read as one integer: up to 2^53 and 22 decimals, that integer divided by the power of
    // ten is one correctly rounded division, v itself. Above 2^53 (Python writes k/255 with 17
    // digits) the quotient may be a unit in the last place off v, which changes the pixel only
    // within a hair of a rounding boundary or of 1: there, and for exponents and longer
    // numbers, from_chars reads v.
    bool pixel(std::uint8_t &out)
    {
        static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        constexpr std::uint64_t kExact = std::uint64_t(1) << 53;
        // Most pixels of a digit are 0: "0.0" or "0" (what Python and JavaScript write).
        if (m_p < m_end && *m_p == '0') {
            const char *after = m_p + 1;
            if (m_end - after >= 2 && after[0] == '.' && after[1] == '0')
                after += 2;
            if (after < m_end && (*after == ',' || *after == ']' || *after == ' ')) {
                m_p = after;
                out = 0;
                return true;
            }
        }
        const char *start = m_p;
        const bool negative = consume('-');
        if (m_p == m_end)
            return false;
        std::uint64_t mantissa = 0;
        int significant = 0, fraction = 0;
        if (*m_p == '0') {
            ++m_p;
        } else if (*m_p >= '1' && *m_p <= '9') {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
                mantissa = mantissa * 10 + std::uint64_t(*m_p++ - '0');
                if (++significant > 1)
                    return false; // 10 or more: outside [0, 1], the slow path says so
            }
        } else {
            return false;
        }
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            const char *fractionStart = m_p;
            // Eight digits at a time while they fit the 19 read as one integer (Python writes
            // 16 or 17 of them): a third of the parse, digit by digit.
            std::uint64_t eight = 0;
            while (m_end - m_p >= 8 && significant + 8 <= 19 && eightDigits(m_p, eight)) {
                if (mantissa != 0)
                    significant += 8;
                else if (eight != 0) // leading zeros are not significant
                    significant += 8 - leadingZeroDigits(m_p);
                mantissa = mantissa * 100'000'000 + eight;
                m_p += 8;
                fraction += 8;
            }
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
                const unsigned digit = unsigned(*m_p++ - '0');
                ++fraction;
                if (mantissa == 0 && digit == 0)
                    continue; // a leading zero is not significant
                if (++significant <= 19)
                    mantissa = mantissa * 10 + digit;
            }
            if (m_p == fractionStart)
                return false;
        }
        bool exact = true;
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            exact = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            const char *exponentStart = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (m_p == exponentStart)
                return false;
        }
        if (significant > 19 || fraction > 22)
            exact = false;
        double value = 0.0;
        if (exact) {
            if (negative && mantissa != 0)
                return false; // below 0
            value = double(mantissa) / kPow10[fraction];
            if (mantissa > kExact) {
                const double scaled = value * 255.0;
                const double distance = std::abs(scaled - std::floor(scaled) - 0.5);
                if (distance < 1e-9 || value > 1.0 - 1e-9)
                    exact = false;
            }
        }
        if (!exact) {
            const auto parsed = std::from_chars(start, m_p, value);
            if (parsed.ec != std::errc() || parsed.ptr != m_p)
                return false;
        }
        if (!(value >= 0.0 && value <= 1.0))
            return false;
        out = toPixel(value);
        return true;
    }

    // Whether the 8 characters at p are all digits, and if so their value (SWAR, as in
    // simdjson and fast_float).
    static bool eightDigits(const char *p, std::uint64_t &value)
    {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        if (((v + 0x4646464646464646) | (v - 0x3030303030303030)) & 0x8080808080808080)
            return false;
        v = (v & 0x0F0F0F0F0F0F0F0F) * 2561 >> 8;
        v = (v & 0x00FF00FF00FF00FF) * 6553601 >> 16;
        value = ((v & 0x0000FFFF0000FFFF) * 42949672960001) >> 32;
        return true;
    }

    // How many of the 8 digits at p (not all '0') are '0' before the first other one.
    static int leadingZeroDigits(const char *p)
    {
        int n = 0;
        while (p[n] == '0')
            ++n;
        return n;
    }

    bool pixels(std::vector<std::uint8_t> &out)
    {
        if (!consume('['))
            return false;
        out.resize(size_t(m_expected));
        std::uint8_t *next = out.data(), *const last = out.data() + out.size();
        space();
        if (consume(']'))
            return false; // empty: the slow path says so
        for (;;) {
            if (next == last || !pixel(*next))
                return false;
            ++next;
            space();
            if (consume(']'))
                break;
            if (!consume(','))
                return false;
            space();
        }
        return next == last;
    }

    // [{"pixels": [...]}, ...]
    bool imageList(QList<InferenceRequest> &out)
    {
        if (!consume('['))
            return false;
        space();
        for (;;) {
            if (!consume('{'))
                return false;
            space();
            std::string_view key;
            if (!string(key) || key != "pixels" || !colon())
                return false;
            InferenceRequest r;
            if (!pixels(r.input))
                return false;
            out.append(std::move(r));
            space();
            if (!consume('}'))
                return false;
            space();
            if (consume(']'))
                return true;
            if (!consume(','))
                return false;
            space();
        }
    }

    const char *m_p;
    const char *m_end;
    qsizetype m_expected;
};

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return QLatin1Char('"') + value.toString().left(40) + QLatin1Char('"');
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::Object: return QStringLiteral("an object");
    default: return QString::number(value.toDouble());
    }
}

const QString kShapes = QStringLiteral(R"(expected {"pixels": [...]}, {"images": [{"pixels": [...]}, ...]} or [{"pixels": [...]}, ...])");

// `where` names the image for messages: "" for a single one, "image 3: " in a list.
QString readPixels(const QJsonValue &value, const InputGeometry &geometry, const QString &where,
                   std::vector<std::uint8_t> &out)
{
    if (!value.isArray())
        return QStringLiteral("%1\"pixels\" must be a list of numbers in [0, 1], not %2").arg(where, jsonText(value));
    const QJsonArray array = value.toArray();
    if (array.size() != geometry.pixels())
        return QStringLiteral("%1%2 pixels given; the model takes %3×%4×%5 = %6")
            .arg(where)
            .arg(array.size())
            .arg(geometry.channels)
            .arg(geometry.height)
            .arg(geometry.width)
            .arg(geometry.pixels());
    out.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array[i];
        if (!v.isDouble())
            return QStringLiteral("%1pixel %2 is %3, not a number").arg(where).arg(i).arg(jsonText(v));
        const double d = v.toDouble();
        if (!(d >= 0.0 && d <= 1.0))
            return QStringLiteral("%1pixel %2 is %3; pixels must be in [0, 1]").arg(where).arg(i).arg(d);
        out.push_back(toPixel(d));
    }
    return {};
}

QString readImage(const QJsonValue &value, const InputGeometry &geometry, const QString &where,
                  QList<InferenceRequest> &out)
{
    if (!value.isObject())
        return QStringLiteral("%1expected an object {\"pixels\": [...]}, not %2").arg(where, jsonText(value));
    const QJsonObject object = value.toObject();
    if (!object.contains(QLatin1String("pixels")))
        return QStringLiteral("%1the object has no \"pixels\"").arg(where);
    InferenceRequest r;
    const QString error = readPixels(object.value(QLatin1String("pixels")), geometry, where, r.input);
    if (error.isEmpty())
        out.append(std::move(r));
    return error;
}

QString readImageList(const QJsonArray &array, const InputGeometry &geometry, QList<InferenceRequest> &out)
{
    if (array.isEmpty())
        return QStringLiteral("the list of images is empty");
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString error = readImage(array[i], geometry, QStringLiteral("image %1: ").arg(i), out);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

// The slow path: any body the scanner gave up on. Says what is wrong, or reads it.
PredictBody readWithQJson(QByteArrayView body, const InputGeometry &geometry)
{
    PredictBody result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = body.trimmed().isEmpty()
                           ? QStringLiteral("the body is empty; %1").arg(kShapes)
                           : QStringLiteral("the body is not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    if (document.isArray()) {
        result.list = true;
        result.error = readImageList(document.array(), geometry, result.requests);
    } else {
        const QJsonObject object = document.object();
        const bool hasPixels = object.contains(QLatin1String("pixels"));
        const bool hasImages = object.contains(QLatin1String("images"));
        if (hasPixels && hasImages) {
            result.error = QStringLiteral("give either \"pixels\" or \"images\", not both");
        } else if (hasPixels) {
            InferenceRequest r;
            result.error = readPixels(object.value(QLatin1String("pixels")), geometry, {}, r.input);
            result.requests.append(std::move(r));
        } else if (hasImages) {
            result.list = true;
            const QJsonValue images = object.value(QLatin1String("images"));
            result.error = images.isArray() ? readImageList(images.toArray(), geometry, result.requests)
                                            : QStringLiteral("\"images\" must be a list, not %1").arg(jsonText(images));
        } else {
            result.error = QStringLiteral("the object has neither \"pixels\" nor \"images\"; %1").arg(kShapes);
        }
    }
    if (!result.error.isEmpty())
        result.requests.clear();
    return result;
}

} // namespace

PredictContent predictContentOf(QByteArrayView contentType)
{
    QByteArrayView type = contentType;
    if (const qsizetype semicolon = type.indexOf(';'); semicolon >= 0)
        type = type.first(semicolon);
    type = type.trimmed();
    auto is = [type](const char *name) { return type.compare(QByteArrayView(name), Qt::CaseInsensitive) == 0; };
    if (is("application/json"))
        return PredictContent::Json;
    if (is("image/png") || is("image/jpeg") || is("image/jpg"))
        return PredictContent::Image;
    return PredictContent::Unsupported;
}

PredictBody parsePredictJson(QByteArrayView body, const InputGeometry &geometry)
{
    if (std::optional<PredictBody> fast = FastScanner(body, geometry.pixels()).scan())
        return std::move(*fast);
    PredictBody slow = readWithQJson(body, geometry);
    if (slow.error.isEmpty() && slow.requests.isEmpty())
        slow.error = kShapes;
    return slow;
}

PredictBody parsePredictImage(const QByteArray &body)
{
    PredictBody result;
    static const QByteArray png("\x89PNG\r\n\x1a\n", 8);
    static const QByteArray jpeg("\xff\xd8\xff", 3);
    if (body.isEmpty()) {
        result.error = QStringLiteral("the body is empty: send the PNG or JPEG file itself");
    } else if (!body.startsWith(png) && !body.startsWith(jpeg)) {
        result.error = QStringLiteral("the body is not a PNG or JPEG image (%1 bytes that start with neither signature)").arg(body.size());
    } else {
        InferenceRequest r;
        r.originalPng = body;
        result.requests.append(std::move(r));
    }
    return result;
}

} // namespace mlwb
