#pragma once
#include <QString>

namespace mlwb {

// "<project version>+<git describe>" of this build: recorded with every run and model.
QString codeVersion();

} // namespace mlwb
