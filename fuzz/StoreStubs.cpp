// DatasetFiles.cpp is compiled alone, without the SQL store around it. Its write side calls
// DatasetVersion::toJson (in DatasetStore.cpp, which pulls in the database); the fuzz target
// only reads, so the one symbol is given here and must never run.
#include "store/DatasetStore.h"

#include <cstdio>
#include <cstdlib>

QJsonObject mlwb::DatasetVersion::toJson() const
{
    std::fputs("fuzz_manifest: DatasetVersion::toJson is a link stub and must not be called\n", stderr);
    std::abort();
}
