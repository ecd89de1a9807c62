// A stored data set version's folder (datasetfiles::read): part 0 is manifest.json, parts
// 1–3 are images.u8, labels.u8, subsets.u8, and an optional part 4 gives the version's
// fields as the database holds them: "channels height width trainCount testCount classes".
#include "FuzzSupport.h"

#include "store/DatasetFiles.h"

#include <QTextStream>

#include <algorithm>

using namespace mlwb;

namespace {

// The database's fields are written by mlwb and checked when a data set is saved: kept to
// sizes a stored data set can have, so that the target fuzzes the folder, not the row.
qint64 clampField(qint64 v, qint64 most)
{
    return std::clamp<qint64>(v, -2, most);
}

DatasetVersion versionOf(const QByteArray &fields)
{
    DatasetVersion v;
    v.id = QStringLiteral("fuzz");
    v.channels = 1;
    v.height = v.width = 2;
    v.trainCount = 2;
    v.testCount = 1;
    qint64 classes = 2;
    if (!fields.isEmpty()) {
        QTextStream in(fields);
        qint64 c = 0, h = 0, w = 0, train = 0, test = 0;
        in >> c >> h >> w >> train >> test >> classes;
        v.channels = int(clampField(c, 4));
        v.height = int(clampField(h, 64));
        v.width = int(clampField(w, 64));
        v.trainCount = clampField(train, 1 << 16);
        v.testCount = clampField(test, 1 << 16);
        classes = clampField(classes, 300);
    }
    for (qint64 i = 0; i < classes; ++i)
        v.classNames << QString::number(i);
    return v;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const std::vector<QByteArray> parts = fuzz::splitParts(data, size, 5);
    const QString dir = fuzz::Scratch::instance().fresh();
    static const char *const names[] = {"manifest.json", "images.u8", "labels.u8", "subsets.u8"};
    for (size_t i = 0; i < std::min<size_t>(parts.size(), 4); ++i)
        fuzz::writeFile(dir + u'/' + QLatin1String(names[i]), parts[i]);
    const DatasetVersion version = versionOf(parts.size() > 4 ? parts[4] : QByteArray());
    const bool intact = datasetfiles::looksIntact(dir, version);
    bool read = false;
    fuzz::expectOnlyErrors([&] {
        const std::shared_ptr<Dataset> data = datasetfiles::read(dir, version);
        MLWB_FUZZ_CHECK(data->size() == version.count());
        read = true;
    });
    // looksIntact checks sizes only; read also checks labels and subsets.
    MLWB_FUZZ_CHECK(intact || !read);
    return 0;
}
