#pragma once
#include "evaluation/Evaluator.h"

#include <QString>
#include <QStringList>

namespace mlwb {

// Writes one row per evaluated sample: `index,true,predicted,p_<class>...`, with the
// data set index, the true and predicted class indices, and the model's probability for
// every class (shortest decimal form that reads back as the same float). Class names
// with a comma, quote or line break are quoted as RFC 4180 says. The file appears whole
// or not at all (QSaveFile). Throws UsageError when classNames does not have one name
// per class or the result's vectors disagree, Error naming the path when writing fails.
void writePredictionsCsv(const QString &path, const EvaluationResult &result, const QStringList &classNames);

} // namespace mlwb
