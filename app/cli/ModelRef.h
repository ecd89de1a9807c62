#pragma once
#include <QString>

namespace mlwb {

class CliContext;

struct ResolvedModel {
    qint64 id = 0;
    QString dir;
};

// "production" (the alias) or a model version id. UsageError when it names nothing.
ResolvedModel resolveModel(CliContext &context, const QString &ref);

} // namespace mlwb
