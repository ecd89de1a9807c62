#pragma once
#include "jobs/EvaluateJob.h"

namespace mlwb {

// The evaluation as a person reads it in a terminal: per-class table, confusion matrix,
// robustness, and the first `failureCount` most confident mistakes.
QString formatEvaluation(const EvaluateJob::Result &result, int failureCount);

} // namespace mlwb
