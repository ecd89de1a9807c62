#pragma once
#include <QString>
#include <QVariant>

namespace mlwb {

class Database;

// Key/value settings that belong to a workspace (not to a user's QSettings): shared by every
// process that opens it, e.g. the promotion gates. Values are stored as text.
class SettingsTable {
public:
    explicit SettingsTable(const Database &database) : m_database(database) {}

    // The stored value, or fallback when the key was never set.
    QString value(const QString &key, const QString &fallback = {}) const;
    double doubleValue(const QString &key, double fallback) const;   // throws Error when not a number
    qint64 integerValue(const QString &key, qint64 fallback) const;  // throws Error when not an integer
    void setValue(const QString &key, const QString &value) const;
    void remove(const QString &key) const;

private:
    const Database &m_database;
};

} // namespace mlwb
