#include "sensor/SensorPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

namespace mlwb {

namespace {

using Preset = SensorSettings::Preset;
constexpr Preset kPresets[] = {Preset::Clean, Preset::CheapWebcam, Preset::Noisy};
constexpr int kCustom = 3; // the preset box's item when the settings match no preset

// A preset's settings are compared without the frame: new noise is still the same sensor.
bool sameSensor(SensorSettings a, const SensorSettings &b)
{
    a.seed = b.seed;
    return a == b;
}

} // namespace

SensorPanel::SensorPanel(QWidget *parent)
    : QWidget(parent), m_preset(new QComboBox(this)), m_newFrame(new QPushButton(tr("New &frame"), this)),
      m_frame(new QLabel(this))
{
    setObjectName(QStringLiteral("sensorPanel"));
    m_preset->setObjectName(QStringLiteral("presetBox"));
    m_preset->addItem(tr("Clean"));
    m_preset->addItem(tr("Cheap webcam"));
    m_preset->addItem(tr("Noisy"));
    m_preset->addItem(tr("Custom"));
    m_preset->setToolTip(tr("A ready-made sensor; change any value below to make your own"));
    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < kCustom)
            applyPreset(kPresets[index]);
        else
            updatePresetBox(); // "custom" is what the values say, not a choice
    });
    m_newFrame->setObjectName(QStringLiteral("newFrame"));
    m_newFrame->setToolTip(tr("Take the next frame: the same sensor with new noise and defects (Ctrl+F)"));
    m_newFrame->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(m_newFrame, &QPushButton::clicked, this, &SensorPanel::newFrame);
    m_frame->setEnabled(false);
    m_frame->setToolTip(tr("Noise and defects are drawn anew for each frame; the same frame gives the same image"));

    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(1, 1);
    setLayout(new QVBoxLayout);
    layout()->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    auto *presetLabel = new QLabel(tr("&Preset:"), this);
    presetLabel->setBuddy(m_preset);
    top->addWidget(presetLabel);
    top->addWidget(m_preset, 1);
    top->addWidget(m_newFrame);
    static_cast<QVBoxLayout *>(layout())->addLayout(top);
    static_cast<QVBoxLayout *>(layout())->addLayout(grid);
    static_cast<QVBoxLayout *>(layout())->addWidget(m_frame);

    const QString px = tr(" px");
    addControl(QStringLiteral("blurSigma"), tr("Blur σ"), tr("Out of focus: the lens's point-spread function, σ in sensor pixels"),
               {0, 3, 0.05, 2, px}, [](const SensorSettings &s) { return s.blurSigma; },
               [](SensorSettings &s, double v) { s.blurSigma = v; });
    addControl(QStringLiteral("rotationDegrees"), tr("Rotation"), tr("The sensor turned about the centre (counter-clockwise)"),
               {-45, 45, 1, 0, tr("°")}, [](const SensorSettings &s) { return s.rotationDegrees; },
               [](SensorSettings &s, double v) { s.rotationDegrees = v; });
    addControl(QStringLiteral("shiftX"), tr("Shift x"), tr("Sub-pixel shift to the right, in sensor pixels"),
               {-4, 4, 0.05, 2, px}, [](const SensorSettings &s) { return s.shiftX; },
               [](SensorSettings &s, double v) { s.shiftX = v; });
    addControl(QStringLiteral("shiftY"), tr("Shift y"), tr("Sub-pixel shift downwards, in sensor pixels"),
               {-4, 4, 0.05, 2, px}, [](const SensorSettings &s) { return s.shiftY; },
               [](SensorSettings &s, double v) { s.shiftY = v; });
    addControl(QStringLiteral("resolution"), tr("Resolution"), tr("Sensor pixels per side; the model input is made 28×28 again afterwards"),
               {4, 128, 1, 0, tr(" px")}, [](const SensorSettings &s) { return double(s.resolution); },
               [](SensorSettings &s, double v) { s.resolution = int(std::lround(v)); });
    addControl(QStringLiteral("gain"), tr("Gain"), tr("Amplification of the signal: v·gain"),
               {0, 3, 0.05, 2, {}}, [](const SensorSettings &s) { return s.gain; },
               [](SensorSettings &s, double v) { s.gain = v; });
    addControl(QStringLiteral("contrast"), tr("Contrast"), tr("Contrast around mid-grey: 0.5 + contrast·(v − 0.5)"),
               {0, 3, 0.05, 2, {}}, [](const SensorSettings &s) { return s.contrast; },
               [](SensorSettings &s, double v) { s.contrast = v; });
    addControl(QStringLiteral("shotNoise"), tr("Shot noise"), tr("Signal-dependent noise: σ = shot·√v (of full scale)"),
               {0, 0.5, 0.005, 3, {}}, [](const SensorSettings &s) { return s.shotNoise; },
               [](SensorSettings &s, double v) { s.shotNoise = v; });
    addControl(QStringLiteral("readNoise"), tr("Read noise"), tr("Noise of the read-out, the same everywhere: σ of full scale"),
               {0, 0.5, 0.005, 3, {}}, [](const SensorSettings &s) { return s.readNoise; },
               [](SensorSettings &s, double v) { s.readNoise = v; });
    addControl(QStringLiteral("deadPixels"), tr("Dead pixels"), tr("Share of pixels that always read black"),
               {0, 20, 0.25, 2, tr(" %"), 100}, [](const SensorSettings &s) { return s.deadPixels; },
               [](SensorSettings &s, double v) { s.deadPixels = v; });
    addControl(QStringLiteral("hotPixels"), tr("Hot pixels"), tr("Share of pixels that always read white"),
               {0, 20, 0.25, 2, tr(" %"), 100}, [](const SensorSettings &s) { return s.hotPixels; },
               [](SensorSettings &s, double v) { s.hotPixels = v; });
    for (qsizetype i = 0; i < m_controls.size(); ++i) {
        auto *label = new QLabel(m_controls[i].spin->property("label").toString(), this);
        label->setBuddy(m_controls[i].spin);
        label->setToolTip(m_controls[i].spin->toolTip());
        grid->addWidget(label, int(i), 0);
        grid->addWidget(m_controls[i].slider, int(i), 1);
        grid->addWidget(m_controls[i].spin, int(i), 2);
    }
    showSettings();
}

void SensorPanel::addControl(const QString &name, const QString &label, const QString &tip, const Range &range,
                             std::function<double(const SensorSettings &)> get,
                             std::function<void(SensorSettings &, double)> set)
{
    auto *spin = new QDoubleSpinBox(this);
    spin->setObjectName(name);
    spin->setProperty("label", label);
    spin->setRange(range.minimum, range.maximum);
    spin->setSingleStep(range.step);
    spin->setDecimals(range.decimals);
    spin->setSuffix(range.suffix);
    spin->setToolTip(tip);
    spin->setKeyboardTracking(false);
    auto *slider = new QSlider(Qt::Horizontal, this);
    slider->setRange(int(std::lround(range.minimum / range.step)), int(std::lround(range.maximum / range.step)));
    slider->setToolTip(tip);
    slider->setMinimumWidth(80);
    const qsizetype index = m_controls.size();
    m_controls.append(Control{slider, spin, range.shown, std::move(get), std::move(set)});
    connect(slider, &QSlider::valueChanged, this, [this, index, step = range.step](int value) {
        if (!m_updating)
            controlChanged(index, value * step);
    });
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, index](double value) {
        if (!m_updating)
            controlChanged(index, value);
    });
}

void SensorPanel::controlChanged(qsizetype index, double spinValue)
{
    const Control &control = m_controls[index];
    control.set(m_settings, spinValue / control.shown);
    showSettings();
    Q_EMIT settingsChanged(m_settings);
}

void SensorPanel::setSettings(const SensorSettings &settings)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    showSettings();
    Q_EMIT settingsChanged(m_settings);
}

void SensorPanel::applyPreset(SensorSettings::Preset preset)
{
    SensorSettings settings = SensorSettings::preset(preset);
    settings.seed = m_settings.seed;
    setSettings(settings);
    updatePresetBox();
}

void SensorPanel::newFrame()
{
    SensorSettings settings = m_settings;
    ++settings.seed;
    setSettings(settings);
}

void SensorPanel::showSettings()
{
    m_updating = true;
    for (const Control &control : m_controls) {
        const double value = control.get(m_settings) * control.shown;
        control.spin->setValue(value);
        control.slider->setValue(int(std::lround(value / control.spin->singleStep())));
    }
    m_updating = false;
    m_frame->setText(tr("Frame %1").arg(m_settings.seed));
    updatePresetBox();
}

void SensorPanel::updatePresetBox()
{
    int index = kCustom;
    for (int i = 0; i < kCustom; ++i)
        if (sameSensor(SensorSettings::preset(kPresets[i]), m_settings))
            index = i;
    m_preset->setCurrentIndex(index);
}

} // namespace mlwb
