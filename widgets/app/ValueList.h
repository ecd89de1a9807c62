#pragma once
#include <QList>
#include <QLocale>
#include <QRegularExpression>
#include <QString>
#include <type_traits>

namespace mlwb {

// "0.001, 0.01" → {0.001, 0.01} (commas, semicolons or spaces; repeats dropped); false, and
// *bad = the word, when a value does not parse. For the forms that take several values.
template <typename T>
bool parseValues(const QString &text, QList<T> &out, QString *bad)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &word : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        T value;
        if constexpr (std::is_same_v<T, double>)
            value = QLocale::c().toDouble(word, &ok);
        else
            value = QLocale::c().toInt(word, &ok);
        if (!ok) {
            *bad = word;
            return false;
        }
        if (!out.contains(value))
            out << value;
    }
    return true;
}

// The values as the user would type them back: "0.001, 0.01".
template <typename T>
QString formatValues(const QList<T> &values)
{
    QStringList words;
    for (const T &v : values)
        words << QLocale::c().toString(v);
    return words.join(QStringLiteral(", "));
}

} // namespace mlwb
