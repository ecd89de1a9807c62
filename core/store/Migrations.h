#pragma once
#include <QStringList>

namespace mlwb {

// The workspace schema as numbered migrations: script i (0-based) takes a database from
// PRAGMA user_version i to i + 1. Scripts are only ever appended; a released script never
// changes. Statements are separated by ';' (so no triggers with bodies here).
const QStringList &migrationScripts();

// The statements of one script, in order, without empty ones.
QStringList splitSqlStatements(const QString &script);

} // namespace mlwb
