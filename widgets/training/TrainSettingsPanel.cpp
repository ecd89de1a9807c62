#include "training/TrainSettingsPanel.h"

#include "models/ModelSpec.h"
#include "models/Precision.h"
#include "store/DatasetStore.h"
#include "training/TrainRecipes.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace mlwb {

namespace {

// Item data of the model combo's last entry, which opens a file dialog.
const QString kChooseSpec = QStringLiteral("\x01spec");

QDoubleSpinBox *doubleBox(double min, double max, double step, int decimals, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    return box;
}

// The window's own words for each recipe of trainRecipes() (the core's are English, for the CLI).
QString recipeTitle(const QString &name)
{
    if (name == QStringLiteral("fast-99"))
        return TrainSettingsPanel::tr("Fast 99%: lite, 1 epoch, one-cycle, bf16");
    return name;
}

QString recipeToolTip(const QString &name)
{
    if (name == QStringLiteral("fast-99"))
        return TrainSettingsPanel::tr("Reaches 99% test accuracy on MNIST in about 7 seconds on two cores: the lite network "
                                      "for one epoch, batch 128, Adam with a one-cycle schedule to 0.02, automatic precision.");
    return {};
}

QSpinBox *intBox(int min, int max, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    return box;
}

} // namespace

TrainSettingsPanel::TrainSettingsPanel(WorkspacePtr workspace, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)), m_recipe(new QComboBox(this)), m_dataset(new QComboBox(this)),
      m_model(new QComboBox(this)), m_epochs(intBox(1, 1000, this)), m_batchSize(intBox(1, 65536, this)),
      m_threads(intBox(0, 256, this)), m_learningRate(doubleBox(0, 10, 0.0005, 6, this)),
      m_momentum(doubleBox(0, 1, 0.05, 3, this)), m_weightDecay(doubleBox(0, 1, 0.0001, 6, this)),
      m_validationFraction(doubleBox(0, 0.9, 0.05, 3, this)), m_optimizer(new QComboBox(this)),
      m_schedule(new QComboBox(this)), m_precision(new QComboBox(this)), m_seed(new QLineEdit(this)), m_rotation(doubleBox(0, 180, 5, 1, this)),
      m_cropProbability(doubleBox(0, 1, 0.05, 2, this)), m_noise(doubleBox(0, 1, 0.05, 3, this))
{
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dataset->setMinimumContentsLength(18);
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(18);
    for (const ArchitectureInfo &info : builtinArchitectures())
        m_model->addItem(tr("%1 — %2 parameters").arg(info.name, QLocale().toString(info.parameterCount)), info.name);
    m_model->addItem(tr("Spec file…"), kChooseSpec);
    connect(m_model, &QComboBox::activated, this, [this](int index) {
        if (m_model->itemData(index).toString() == kChooseSpec)
            chooseSpecFile();
        else
            m_lastModelIndex = index;
    });

    // Choosing a recipe fills the form once; the combo then offers the recipes again, since the
    // fields may be edited from there.
    m_recipe->setPlaceholderText(tr("Choose to fill in the settings…"));
    for (const TrainRecipe &recipe : trainRecipes()) {
        m_recipe->addItem(recipeTitle(recipe.name), recipe.name);
        m_recipe->setItemData(m_recipe->count() - 1, recipeToolTip(recipe.name), Qt::ToolTipRole);
    }
    m_recipe->setCurrentIndex(-1);
    connect(m_recipe, &QComboBox::activated, this, [this](int index) {
        applyRecipe(m_recipe->itemData(index).toString());
        m_recipe->setCurrentIndex(-1);
    });

    m_optimizer->addItem(tr("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(tr("SGD with momentum"), QStringLiteral("sgd"));
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainSettingsPanel::updateOptimizerFields);
    m_schedule->addItem(tr("Constant"), QStringLiteral("constant"));
    m_schedule->addItem(tr("One-cycle"), QStringLiteral("onecycle"));
    m_precision->addItem(tr("fp32"), precisionName(Precision::Fp32));
    m_precision->addItem(tr("bf16 (mixed precision)"), precisionName(Precision::Bf16));
    m_precision->addItem(tr("Automatic"), precisionName(Precision::Auto));
    m_precision->setToolTip(cpuHasBf16() ? tr("bf16 computes the forward passes in bfloat16, which this CPU does natively; "
                                              "weights, loss and the trained model stay fp32. Automatic chooses bf16 here.")
                                         : tr("bf16 computes the forward passes in bfloat16, which this CPU lacks natively: it is likely "
                                              "slower here. Weights, loss and the trained model stay fp32. Automatic chooses fp32 here."));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,20}")), m_seed));
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    m_rotation->setSuffix(tr(" °"));
    m_batchSize->setSingleStep(16);

    auto *data = new QGroupBox(tr("Data and model"), this);
    auto *dataForm = new QFormLayout(data);
    dataForm->addRow(tr("R&ecipe:"), m_recipe);
    dataForm->addRow(tr("&Data set:"), m_dataset);
    dataForm->addRow(tr("&Model:"), m_model);
    dataForm->addRow(tr("&Validation fraction:"), m_validationFraction);

    auto *optimisation = new QGroupBox(tr("Optimisation"), this);
    auto *optForm = new QFormLayout(optimisation);
    optForm->addRow(tr("&Epochs:"), m_epochs);
    optForm->addRow(tr("&Batch size:"), m_batchSize);
    optForm->addRow(tr("&Learning rate:"), m_learningRate);
    optForm->addRow(tr("&Optimizer:"), m_optimizer);
    optForm->addRow(tr("Mo&mentum:"), m_momentum);
    optForm->addRow(tr("&Weight decay:"), m_weightDecay);
    optForm->addRow(tr("Sc&hedule:"), m_schedule);
    optForm->addRow(tr("&Seed:"), m_seed);
    optForm->addRow(tr("&Threads:"), m_threads);
    optForm->addRow(tr("Prec&ision:"), m_precision);

    auto *augmentation = new QGroupBox(tr("Augmentation"), this);
    auto *augForm = new QFormLayout(augmentation);
    augForm->addRow(tr("&Rotation (±):"), m_rotation);
    augForm->addRow(tr("&Crop probability:"), m_cropProbability);
    augForm->addRow(tr("&Noise σ:"), m_noise);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(data);
    layout->addWidget(optimisation);
    layout->addWidget(augmentation);
    layout->addStretch();

    reloadDatasets();
    setSettings(TrainSettings{});
}

void TrainSettingsPanel::reloadDatasets()
{
    const QString current = datasetId();
    m_dataset->clear();
    for (const DatasetVersion &version : DatasetStore(*m_workspace).list()) {
        m_dataset->addItem(tr("%1 · %2 · %3 images").arg(version.name, version.id.left(8), QLocale().toString(version.count())),
                           version.id);
        m_dataset->setItemData(m_dataset->count() - 1,
                               tr("%1\n%2 classes, %3×%4").arg(version.id).arg(version.classNames.size())
                                   .arg(version.width).arg(version.height),
                               Qt::ToolTipRole);
    }
    if (m_dataset->count() == 0)
        m_dataset->setPlaceholderText(tr("no data set — ingest one on the Data page"));
    setDataset(current);
}

bool TrainSettingsPanel::applyRecipe(const QString &name)
{
    const std::optional<TrainRecipe> recipe = findTrainRecipe(name);
    if (!recipe)
        return false;
    setSettings(recipe->settings);
    return true;
}

void TrainSettingsPanel::setDataset(const QString &datasetId)
{
    const int index = m_dataset->findData(datasetId);
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
}

QString TrainSettingsPanel::datasetId() const
{
    return m_dataset->currentData().toString();
}

TrainSettings TrainSettingsPanel::settings() const
{
    TrainSettings s;
    s.architecture = m_model->currentData().toString();
    s.epochs = m_epochs->value();
    s.batchSize = m_batchSize->value();
    s.learningRate = m_learningRate->value();
    s.optimizer = m_optimizer->currentData().toString();
    s.momentum = m_momentum->value();
    s.weightDecay = m_weightDecay->value();
    s.schedule = m_schedule->currentData().toString();
    s.seed = m_seed->text().toULongLong();
    s.validationFraction = m_validationFraction->value();
    s.augmentation.rotationDegrees = m_rotation->value();
    s.augmentation.cropProbability = m_cropProbability->value();
    s.augmentation.noiseSigma = m_noise->value();
    s.threads = m_threads->value();
    s.precision = m_precision->currentData().toString();
    return s;
}

void TrainSettingsPanel::setSettings(const TrainSettings &s)
{
    selectArchitecture(s.architecture);
    m_epochs->setValue(s.epochs);
    m_batchSize->setValue(s.batchSize);
    m_learningRate->setValue(s.learningRate);
    m_optimizer->setCurrentIndex(std::max(0, m_optimizer->findData(s.optimizer)));
    m_momentum->setValue(s.momentum);
    m_weightDecay->setValue(s.weightDecay);
    m_schedule->setCurrentIndex(std::max(0, m_schedule->findData(s.schedule)));
    m_seed->setText(QString::number(s.seed));
    m_validationFraction->setValue(s.validationFraction);
    m_rotation->setValue(s.augmentation.rotationDegrees);
    m_cropProbability->setValue(s.augmentation.cropProbability);
    m_noise->setValue(s.augmentation.noiseSigma);
    m_threads->setValue(s.threads);
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(s.precision)));
    updateOptimizerFields();
}

void TrainSettingsPanel::selectArchitecture(const QString &nameOrPath)
{
    int index = m_model->findData(nameOrPath);
    if (index < 0) { // a spec file: listed above "Spec file…"
        index = m_model->count() - 1;
        m_model->insertItem(index, tr("%1 (spec)").arg(QFileInfo(nameOrPath).fileName()), nameOrPath);
        m_model->setItemData(index, nameOrPath, Qt::ToolTipRole);
    }
    m_model->setCurrentIndex(index);
    m_lastModelIndex = index;
}

void TrainSettingsPanel::chooseSpecFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Model spec"), QString(), tr("Model specs (*.json)"));
    if (path.isEmpty()) {
        m_model->setCurrentIndex(m_lastModelIndex);
        return;
    }
    selectArchitecture(path);
}

void TrainSettingsPanel::updateOptimizerFields()
{
    m_momentum->setEnabled(m_optimizer->currentData().toString() == QStringLiteral("sgd"));
}

} // namespace mlwb
