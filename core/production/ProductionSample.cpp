#include "production/ProductionSample.h"

#include "store/Database.h"

#include <QJsonArray>

namespace mlwb {

QString sampleSourceName(SampleSource source)
{
    switch (source) {
    case SampleSource::Canvas:
        return QStringLiteral("canvas");
    case SampleSource::Folder:
        return QStringLiteral("folder");
    case SampleSource::Api:
        return QStringLiteral("api");
    case SampleSource::File:
        return QStringLiteral("file");
    }
    return {};
}

std::optional<SampleSource> sampleSourceFromString(const QString &text)
{
    for (const SampleSource s : {SampleSource::Canvas, SampleSource::Folder, SampleSource::Api, SampleSource::File})
        if (sampleSourceName(s) == text)
            return s;
    return std::nullopt;
}

QJsonObject ProductionSample::toJson(bool withInput) const
{
    QJsonArray probs;
    for (const float p : probabilities)
        probs.append(double(p));
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("source"), sampleSourceName(source)},
                     {QStringLiteral("image"), imagePath},
                     {QStringLiteral("imageHash"), imageHash},
                     {QStringLiteral("file"), originalName},
                     {QStringLiteral("model"), modelId},
                     {QStringLiteral("predicted"), predicted},
                     {QStringLiteral("probabilities"), probs},
                     {QStringLiteral("created"), toSqlTime(created)},
                     {QStringLiteral("label"), label ? QJsonValue(*label) : QJsonValue()},
                     {QStringLiteral("discarded"), discarded},
                     {QStringLiteral("labeledBy"), labeledBy},
                     {QStringLiteral("labeledAt"), labeledAt.isValid() ? QJsonValue(toSqlTime(labeledAt)) : QJsonValue()}};
    if (withInput) {
        QJsonArray pixels;
        for (const std::uint8_t v : input)
            pixels.append(int(v));
        json[QStringLiteral("input")] = pixels;
        json[QStringLiteral("geometry")] = QJsonArray{channels, height, width};
    }
    return json;
}

} // namespace mlwb
