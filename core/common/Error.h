#pragma once
#include <QString>
#include <stdexcept>

namespace mlwb {

// The one exception type of the core. Its message is for a person: it names the file,
// the offset / line / value, and what is wrong. Jobs catch it at their run() boundary.
class Error : public std::runtime_error {
public:
    explicit Error(const QString &message) : std::runtime_error(message.toStdString()), m_message(message) {}
    const QString &message() const noexcept { return m_message; }

private:
    QString m_message;
};

// Bad usage of a command or setting (a negative epoch count, an unknown model name...).
// The CLI maps it to exit code 2 when it comes from arguments.
class UsageError : public Error {
public:
    using Error::Error;
};

} // namespace mlwb

namespace mlwb {

// Thrown by long work that noticed its CancelFlag; nothing it started is left behind.
class Cancelled : public Error {
public:
    Cancelled() : Error(QStringLiteral("cancelled")) {}
};

} // namespace mlwb

namespace mlwb {

// A quality gate was not met (promotion, --min-f1). The CLI exits with 3 for CI.
class GateNotMet : public Error {
public:
    using Error::Error;
};

} // namespace mlwb
