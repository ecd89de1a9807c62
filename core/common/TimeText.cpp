#include "common/TimeText.h"

#include "common/Error.h"

namespace mlwb {

QDateTime parseIsoTime(const QString &text, const QString &what)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            t = day.startOfDay();
    }
    if (!t.isValid())
        throw UsageError(QStringLiteral("%1: '%2' is not an ISO-8601 time (2026-05-01 or 2026-05-01T12:00:00Z)").arg(what, text));
    return t;
}

} // namespace mlwb
