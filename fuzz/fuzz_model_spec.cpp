// The JSON model spec (ModelSpec::fromJson, inferShapes, parameterCount): torch-free, in
// memory. A spec that parses must survive toJson → fromJson unchanged.
#include "FuzzSupport.h"

#include "models/ModelSpec.h"

#include <QJsonDocument>

#include <array>

using namespace mlwb;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    fuzz::expectOnlyErrors([&] {
        const ModelSpec spec = ModelSpec::fromJson(doc.object(), QStringLiteral("fuzz.json"));
        const ModelSpec again = ModelSpec::fromJson(spec.toJson(), QStringLiteral("fuzz.json (again)"));
        MLWB_FUZZ_CHECK(again == spec);
        // The input sizes of the shipped data sets: MNIST-like and CIFAR-like.
        for (const std::array<int, 4> &in : {std::array{1, 28, 28, 10}, std::array{3, 32, 32, 10}, std::array{1, 1, 1, 256}})
            fuzz::expectOnlyErrors([&] {
                const std::vector<TensorShape> shapes = spec.inferShapes(in[0], in[1], in[2], in[3]);
                MLWB_FUZZ_CHECK(shapes.size() == spec.layers.size());
                (void)parameterCount(spec, in[0], in[1], in[2], in[3]);
            });
    });
    return 0;
}
