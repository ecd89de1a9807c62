#pragma once
#include "production/InferenceService.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace mlwb {

// The body of `POST /v1/predict` turned into requests for the InferenceService, or the reason
// it is refused (a message for the person who sent it). The HTTP contract:
//
//   Content-Type image/png or image/jpeg: the body is one picture of any size; the service
//     preprocesses it MNIST-style. Answer: one prediction.
//   Content-Type application/json, one of
//     {"pixels": [v, ...]}                        one image          → one prediction
//     {"images": [{"pixels": [...]}, ...]}         one or more images → {"predictions": [...]}
//     [{"pixels": [...]}, ...]                     the same as "images"
//   where the pixels are the model input itself, C×H×W row-major (784 for MNIST), each a JSON
//   number in [0, 1], given to the model as round(v·255) without any preprocessing. Other
//   members of an object are ignored; an object with both "pixels" and "images" is refused.
struct PredictBody {
    QList<InferenceRequest> requests;
    bool list = false; // the answer is {"predictions": [...]}
    QString error;     // not empty: refused (HTTP 400), requests is empty
};

enum class PredictContent { Json, Image, Unsupported };

// From a Content-Type header value ("application/json; charset=utf-8" → Json).
PredictContent predictContentOf(QByteArrayView contentType);

// The input geometry of the served model: a JSON image must have C×H×W pixels.
struct InputGeometry {
    int channels = 1, height = 28, width = 28;
    qsizetype pixels() const { return qsizetype(channels) * height * width; }
};

PredictBody parsePredictJson(QByteArrayView body, const InputGeometry &geometry);
// A PNG or JPEG picture: refused when empty or when its first bytes are neither signature
// (decoding itself happens in the service, which refuses what it cannot decode).
PredictBody parsePredictImage(const QByteArray &body);

} // namespace mlwb
