#pragma once
#include <QDateTime>
#include <QString>

namespace mlwb {

// A time as people and scripts write it: ISO-8601 with or without milliseconds and zone
// ("2026-05-01T12:00:00Z"), or a day ("2026-05-01", its local midnight). Throws UsageError
// naming `what` (e.g. "--from") and the text when it is neither.
QDateTime parseIsoTime(const QString &text, const QString &what);

} // namespace mlwb
