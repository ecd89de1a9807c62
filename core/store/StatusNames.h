#pragma once
#include <QLatin1String>
#include <QString>

#include <array>
#include <cstddef>
#include <optional>
#include <utility>

namespace mlwb {

// How a status enum is spelled in the database (queue states, run statuses): one table per
// enum, read both ways, so that the stores do not each carry a copy of the lookups.
template <typename Enum, std::size_t N>
class StatusNames {
public:
    constexpr explicit StatusNames(std::array<std::pair<Enum, const char *>, N> names) : m_names(names) {}

    QString name(Enum value) const
    {
        for (const auto &[v, text] : m_names)
            if (v == value)
                return QString::fromLatin1(text);
        return {};
    }

    std::optional<Enum> find(const QString &text) const
    {
        for (const auto &[v, name] : m_names)
            if (text == QLatin1String(name))
                return v;
        return std::nullopt;
    }

private:
    std::array<std::pair<Enum, const char *>, N> m_names;
};

template <typename Enum, std::size_t N>
StatusNames(std::array<std::pair<Enum, const char *>, N>) -> StatusNames<Enum, N>;

} // namespace mlwb
