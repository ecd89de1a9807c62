#include "store/SettingsTable.h"

#include "store/Database.h"

namespace mlwb {

QString SettingsTable::value(const QString &key, const QString &fallback) const
{
    const QVariant v = m_database.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    return v.isValid() ? v.toString() : fallback;
}

double SettingsTable::doubleValue(const QString &key, double fallback) const
{
    const QString text = value(key);
    if (text.isNull())
        return fallback;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok)
        throw Error(QStringLiteral("%1: setting %2 is \"%3\", not a number").arg(m_database.filePath(), key, text));
    return v;
}

qint64 SettingsTable::integerValue(const QString &key, qint64 fallback) const
{
    const QString text = value(key);
    if (text.isNull())
        return fallback;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok)
        throw Error(QStringLiteral("%1: setting %2 is \"%3\", not an integer").arg(m_database.filePath(), key, text));
    return v;
}

void SettingsTable::setValue(const QString &key, const QString &value) const
{
    m_database.transaction([&] {
        m_database.exec(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                        {key, sqlText(value)});
    });
}

void SettingsTable::remove(const QString &key) const
{
    m_database.transaction([&] { m_database.exec(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key}); });
}

} // namespace mlwb
