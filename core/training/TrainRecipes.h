#pragma once
#include "training/TrainSettings.h"

#include <QString>
#include <optional>
#include <vector>

namespace mlwb {

// Ready-made training settings for a goal, chosen by measurement (README, "Benchmarks"): the
// Train page and `mlwb train --recipe NAME` start from them, and any setting given as well
// overrides the recipe's. `threads` stays 0 (every core) and `seed` the default.
struct TrainRecipe {
    QString name;        // e.g. "fast-99"
    QString description; // one English sentence for the CLI's help; the window has its own (translated)
    TrainSettings settings;
};

// Every recipe, in the order to offer them.
const std::vector<TrainRecipe> &trainRecipes();

// The recipe called `name`, or none.
std::optional<TrainRecipe> findTrainRecipe(const QString &name);

} // namespace mlwb
