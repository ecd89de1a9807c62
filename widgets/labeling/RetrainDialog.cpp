#include "labeling/RetrainDialog.h"

#include "common/Error.h"
#include "store/SettingsTable.h"
#include "store/Workspace.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mlwb {

namespace {
const QString kFineTuneKey = QStringLiteral("label.retrain.fine_tune");
const QString kWeightKey = QStringLiteral("label.retrain.weight");
const QString kTestFractionKey = QStringLiteral("label.retrain.test_fraction");
} // namespace

RetrainChoices RetrainChoices::load(const Workspace &workspace)
{
    RetrainChoices choices;
    try {
        const SettingsTable settings(workspace.database());
        choices.fineTune = settings.value(kFineTuneKey, QStringLiteral("1")) != u"0";
        choices.weight = int(std::clamp<qint64>(settings.integerValue(kWeightKey, 0), 0, 50));
        choices.testFraction = std::clamp(settings.doubleValue(kTestFractionKey, 0.2), 0.0, 0.9);
    } catch (const Error &) {
        return {}; // a value someone else wrote badly: the defaults
    }
    return choices;
}

void RetrainChoices::save(const Workspace &workspace) const
{
    const SettingsTable settings(workspace.database());
    settings.setValue(kFineTuneKey, fineTune ? QStringLiteral("1") : QStringLiteral("0"));
    settings.setValue(kWeightKey, QString::number(weight));
    settings.setValue(kTestFractionKey, QString::number(testFraction));
}

ProductionBuildOptions RetrainChoices::buildOptions() const
{
    ProductionBuildOptions options;
    options.weight = weight;
    options.testFraction = testFraction;
    return options;
}

RetrainOptions RetrainChoices::retrainOptions() const
{
    RetrainOptions options;
    options.build = buildOptions();
    options.fineTune = fineTune;
    return options;
}

RetrainDialog::RetrainDialog(Mode mode, const RetrainChoices &choices, QWidget *parent)
    : QDialog(parent), m_fineTune(new QRadioButton(tr("&Fine-tune the production model (its weights, 2 epochs)"), this)),
      m_scratch(new QRadioButton(tr("Train from &scratch with the production model's settings"), this)),
      m_weight(new QSpinBox(this)), m_testFraction(new QDoubleSpinBox(this))
{
    setObjectName(QStringLiteral("retrainDialog"));
    const bool retrain = mode == Mode::Retrain;
    setWindowTitle(retrain ? tr("Retrain on the labeled samples") : tr("Build a data set from the labeled samples"));
    m_fineTune->setChecked(choices.fineTune);
    m_scratch->setChecked(!choices.fineTune);
    m_weight->setRange(0, 50);
    m_weight->setSpecialValueText(tr("automatic"));
    m_weight->setSuffix(tr(" ×"));
    m_weight->setValue(choices.weight);
    m_weight->setToolTip(tr("Copies of each labeled sample in the training split. Automatic: production makes about "
                            "a tenth of the training images"));
    m_testFraction->setRange(0.0, 0.9);
    m_testFraction->setSingleStep(0.05);
    m_testFraction->setDecimals(2);
    m_testFraction->setValue(choices.testFraction);
    m_testFraction->setToolTip(tr("The share of labeled samples held back as the production test split; a sample "
                                  "stays on its side in every build"));

    auto *text = new QLabel(retrain ? tr("Builds a data set version from the production model's data set and the "
                                         "labeled samples, trains a new model on it and compares it with production "
                                         "on both test splits. Promotion stays your decision.")
                                    : tr("Builds a data set version from the production model's data set and the "
                                         "labeled samples (and a version of the held-back samples alone)."),
                            this);
    text->setWordWrap(true);
    auto *form = new QFormLayout;
    if (retrain) {
        form->addRow(tr("Start from:"), m_fineTune);
        form->addRow(QString(), m_scratch);
    } else {
        m_fineTune->hide();
        m_scratch->hide();
    }
    form->addRow(tr("Production &weight:"), m_weight);
    form->addRow(tr("&Test fraction:"), m_testFraction);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(retrain ? tr("Retrain") : tr("Build"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

RetrainChoices RetrainDialog::choices() const
{
    return {m_fineTune->isChecked(), m_weight->value(), m_testFraction->value()};
}

} // namespace mlwb
