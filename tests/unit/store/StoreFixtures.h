#pragma once
// A tiny stored data set version for tests that need one to refer to (queue entries, runs).
#include "data/Dataset.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

namespace mlwb::testing {

// Four 2×2 images of two classes; `seed` shifts the pixels so that versions differ.
inline QString storeTinyDataset(const Workspace &workspace, const QString &name, int seed)
{
    Dataset d;
    d.height = d.width = 2;
    d.classNames = {QStringLiteral("a"), QStringLiteral("b")};
    for (int i = 0; i < 4; ++i) {
        for (int p = 0; p < 4; ++p)
            d.pixels.push_back(std::uint8_t(seed + i + p));
        d.labels.push_back(std::uint8_t(i % 2));
        d.subsets.push_back(std::uint8_t(Subset::Train));
    }
    return DatasetStore(workspace).save(d, name, QStringLiteral("test"), {}, 0.25, 1).version.id;
}

} // namespace mlwb::testing
