#include "training/Trainer.h"

#include <QJsonValue>
#include <cmath>
#include <limits>

namespace mlwb {

namespace {

// JSON has no NaN: "no validation split" travels as null.
QJsonValue finiteOrNull(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

double numberOrNaN(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

QJsonObject EpochMetrics::toJson() const
{
    return {
        {QStringLiteral("epoch"), epoch},
        {QStringLiteral("trainLoss"), finiteOrNull(trainLoss)},
        {QStringLiteral("trainAccuracy"), finiteOrNull(trainAccuracy)},
        {QStringLiteral("validationLoss"), finiteOrNull(validationLoss)},
        {QStringLiteral("validationAccuracy"), finiteOrNull(validationAccuracy)},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("imagesPerSecond"), imagesPerSecond},
    };
}

EpochMetrics EpochMetrics::fromJson(const QJsonObject &json)
{
    EpochMetrics m;
    m.epoch = json.value(QStringLiteral("epoch")).toInt();
    m.trainLoss = numberOrNaN(json.value(QStringLiteral("trainLoss")));
    m.trainAccuracy = numberOrNaN(json.value(QStringLiteral("trainAccuracy")));
    m.validationLoss = numberOrNaN(json.value(QStringLiteral("validationLoss")));
    m.validationAccuracy = numberOrNaN(json.value(QStringLiteral("validationAccuracy")));
    m.seconds = json.value(QStringLiteral("seconds")).toDouble();
    m.imagesPerSecond = json.value(QStringLiteral("imagesPerSecond")).toInteger();
    return m;
}

} // namespace mlwb
