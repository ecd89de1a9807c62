#pragma once
#include "evaluation/Evaluator.h"

#include <QByteArray>
#include <QString>

namespace mlwb {

// The per-sample part of an evaluation as bytes, so it can be stored and opened again without
// running the model: the data set index, the true label, the K probabilities and the
// embedding of every sample. Little-endian:
//   "MLWBEV01"  int32 K  int32 D  int64 N
//   int64 index[N]  int32 truth[N]  float32 probabilities[N×K]  float32 embedding[N×D]
QByteArray encodeEvaluationSamples(const EvaluationResult &result);

// Reads what encodeEvaluationSamples wrote; predictions, the report and the failure cases
// are recomputed from the probabilities. Nothing in the header is trusted: the sizes must
// match the byte count exactly, labels lie in [0, K), probabilities are finite. Throws Error
// naming `origin` and what is wrong.
EvaluationResult decodeEvaluationSamples(const QByteArray &bytes, const QString &origin, int failureLimit = 100);

} // namespace mlwb
