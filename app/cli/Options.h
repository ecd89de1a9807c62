#pragma once
#include "jobs/RunQueue.h"
#include "training/TrainSettings.h"

#include <QCommandLineParser>
#include <optional>

namespace mlwb {

// Number parsing for options; errors are UsageError naming the option and the text.
double parseDouble(const QString &text, const QString &option);
int parseInt(const QString &text, const QString &option);
qint64 parseId(const QString &text, const QString &what);
std::optional<double> optionalDouble(const QCommandLineParser &parser, const QCommandLineOption &option);

// The training settings as command-line options (shared by train and the run queue).
class TrainSettingsOptions {
public:
    explicit TrainSettingsOptions(QCommandLineParser &parser);
    // Unset options keep the defaults: the recipe's (--recipe NAME) or else TrainSettings'. Validates.
    TrainSettings settings(const QCommandLineParser &parser) const;
    // For a grid of runs: --lr, --batch-size and --epochs may list values ("0.001,0.01"), which
    // go into `grid`; the returned settings hold the first of each.
    TrainSettings settings(const QCommandLineParser &parser, HyperParameterGrid &grid) const;
    // --model as a comma-separated list (default: the recipe's, else cnn).
    QStringList architectures(const QCommandLineParser &parser) const;

private:
    TrainSettings settingsWithGrid(const QCommandLineParser &parser, HyperParameterGrid *grid) const;
    TrainSettings defaults(const QCommandLineParser &parser) const;

    QCommandLineOption model, epochs, batchSize, learningRate, optimizer, momentum, weightDecay, schedule, seed,
        validation, rotation, cropProbability, cropScale, noise, threads, precision, recipe;
};

} // namespace mlwb
