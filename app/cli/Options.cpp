#include "cli/Options.h"

#include "common/Error.h"
#include "training/TrainRecipes.h"

namespace mlwb {

double parseDouble(const QString &text, const QString &option)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok)
        throw UsageError(QStringLiteral("--%1: '%2' is not a number").arg(option, text));
    return value;
}

int parseInt(const QString &text, const QString &option)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok)
        throw UsageError(QStringLiteral("--%1: '%2' is not a whole number").arg(option, text));
    return value;
}

qint64 parseId(const QString &text, const QString &what)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        throw UsageError(QStringLiteral("'%1' is not a %2 id (a positive whole number)").arg(text, what));
    return value;
}

std::optional<double> optionalDouble(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return std::nullopt;
    return parseDouble(parser.value(option), option.names().constLast());
}

namespace {
QCommandLineOption valueOption(const QString &name, const QString &help, const QString &valueName)
{
    return QCommandLineOption(name, help, valueName);
}

QString recipeHelp()
{
    QString help = QStringLiteral("Start from ready-made settings; options given as well override them.");
    for (const TrainRecipe &r : trainRecipes())
        help += QStringLiteral(" %1: %2.").arg(r.name, r.description);
    return help;
}
} // namespace

TrainSettingsOptions::TrainSettingsOptions(QCommandLineParser &parser)
    : model({QStringLiteral("m"), QStringLiteral("model")}, QStringLiteral("Architecture: mlp, cnn, lite, or a JSON spec file (default cnn)."), QStringLiteral("name")),
      epochs(valueOption(QStringLiteral("epochs"), QStringLiteral("Epochs (default 1)."), QStringLiteral("n"))),
      batchSize(valueOption(QStringLiteral("batch-size"), QStringLiteral("Batch size (default 128)."), QStringLiteral("n"))),
      learningRate(valueOption(QStringLiteral("lr"), QStringLiteral("Learning rate (default 0.001)."), QStringLiteral("rate"))),
      optimizer(valueOption(QStringLiteral("optimizer"), QStringLiteral("adam or sgd (default adam)."), QStringLiteral("name"))),
      momentum(valueOption(QStringLiteral("momentum"), QStringLiteral("SGD momentum (default 0.9)."), QStringLiteral("m"))),
      weightDecay(valueOption(QStringLiteral("weight-decay"), QStringLiteral("Weight decay (default 0)."), QStringLiteral("w"))),
      schedule(valueOption(QStringLiteral("schedule"), QStringLiteral("Learning-rate schedule: constant or onecycle."), QStringLiteral("name"))),
      seed(valueOption(QStringLiteral("seed"), QStringLiteral("Random seed (default 42)."), QStringLiteral("n"))),
      validation(valueOption(QStringLiteral("validation"), QStringLiteral("Validation fraction of the training part (default 0.1)."), QStringLiteral("fraction"))),
      rotation(valueOption(QStringLiteral("rotation"), QStringLiteral("Augmentation: random rotation within ±degrees."), QStringLiteral("degrees"))),
      cropProbability(valueOption(QStringLiteral("crop-prob"), QStringLiteral("Augmentation: probability of a random crop resized back."), QStringLiteral("p"))),
      cropScale(valueOption(QStringLiteral("crop-scale"), QStringLiteral("Augmentation: smallest crop side as a fraction (default 22/28)."), QStringLiteral("fraction"))),
      noise(valueOption(QStringLiteral("noise"), QStringLiteral("Augmentation: Gaussian noise sigma on [0,1] pixels."), QStringLiteral("sigma"))),
      threads(valueOption(QStringLiteral("threads"), QStringLiteral("libtorch threads (default: all cores)."), QStringLiteral("n"))),
      precision(valueOption(QStringLiteral("precision"),
                            QStringLiteral("Forward passes in fp32, bf16 (mixed precision; weights, loss and the model stay fp32) "
                                           "or auto (bf16 where the CPU has AVX-512 BF16). Default fp32."),
                            QStringLiteral("fp32|bf16|auto"))),
      recipe(valueOption(QStringLiteral("recipe"), recipeHelp(), QStringLiteral("name")))
{
    parser.addOptions({model, epochs, batchSize, learningRate, optimizer, momentum, weightDecay, schedule, seed, validation,
                       rotation, cropProbability, cropScale, noise, threads, precision, recipe});
}

TrainSettings TrainSettingsOptions::settings(const QCommandLineParser &p) const
{
    return settingsWithGrid(p, nullptr);
}

TrainSettings TrainSettingsOptions::settings(const QCommandLineParser &p, HyperParameterGrid &grid) const
{
    return settingsWithGrid(p, &grid);
}

QStringList TrainSettingsOptions::architectures(const QCommandLineParser &p) const
{
    if (!p.isSet(model))
        return {defaults(p).architecture};
    return p.value(model).split(u',', Qt::SkipEmptyParts);
}

TrainSettings TrainSettingsOptions::defaults(const QCommandLineParser &p) const
{
    if (!p.isSet(recipe))
        return TrainSettings{};
    const std::optional<TrainRecipe> found = findTrainRecipe(p.value(recipe));
    if (!found) {
        QStringList names;
        for (const TrainRecipe &r : trainRecipes())
            names << r.name;
        throw UsageError(QStringLiteral("--recipe: no recipe '%1' (there is %2)").arg(p.value(recipe), names.join(QStringLiteral(", "))));
    }
    return found->settings;
}

TrainSettings TrainSettingsOptions::settingsWithGrid(const QCommandLineParser &p, HyperParameterGrid *grid) const
{
    TrainSettings s = defaults(p);
    auto text = [&p](const QCommandLineOption &o, QString &target) { if (p.isSet(o)) target = p.value(o); };
    auto number = [&p](const QCommandLineOption &o, double &target) { if (p.isSet(o)) target = parseDouble(p.value(o), o.names().constLast()); };
    auto whole = [&p](const QCommandLineOption &o, int &target) { if (p.isSet(o)) target = parseInt(p.value(o), o.names().constLast()); };
    text(model, s.architecture);
    if (grid) {
        // A list sets the grid's values and the base takes the first.
        auto list = [&p](const QCommandLineOption &o, auto &values, auto parse) {
            if (!p.isSet(o))
                return;
            for (const QString &word : p.value(o).split(u',', Qt::SkipEmptyParts))
                values << parse(word.trimmed(), o.names().constLast());
            if (values.isEmpty())
                throw UsageError(QStringLiteral("--%1: give at least one value").arg(o.names().constLast()));
        };
        list(epochs, grid->epochs, parseInt);
        list(batchSize, grid->batchSizes, parseInt);
        list(learningRate, grid->learningRates, parseDouble);
        s.epochs = grid->epochs.value(0, s.epochs);
        s.batchSize = grid->batchSizes.value(0, s.batchSize);
        s.learningRate = grid->learningRates.value(0, s.learningRate);
        s.architecture = architectures(p).value(0);
    } else {
        whole(epochs, s.epochs);
        whole(batchSize, s.batchSize);
        number(learningRate, s.learningRate);
    }
    text(optimizer, s.optimizer);
    number(momentum, s.momentum);
    number(weightDecay, s.weightDecay);
    text(schedule, s.schedule);
    if (p.isSet(seed)) {
        bool ok = false;
        s.seed = p.value(seed).toULongLong(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--seed: '%1' is not a non-negative whole number").arg(p.value(seed)));
    }
    number(validation, s.validationFraction);
    number(rotation, s.augmentation.rotationDegrees);
    number(cropProbability, s.augmentation.cropProbability);
    number(cropScale, s.augmentation.cropScale);
    number(noise, s.augmentation.noiseSigma);
    whole(threads, s.threads);
    text(precision, s.precision);
    s.validate();
    return s;
}

} // namespace mlwb
