#pragma once
#include "production/SensorModel.h"

#include <QList>
#include <QWidget>
#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace mlwb {

// Every setting of the simulated sensor (SensorModel.h) as a slider with a spin box, a preset
// choice (clean, cheap webcam, noisy; "custom" once a value differs) and New frame, which
// draws new noise. The spin boxes are named after the SensorSettings fields ("readNoise", ...).
class SensorPanel : public QWidget {
    Q_OBJECT
public:
    explicit SensorPanel(QWidget *parent = nullptr);

    const SensorSettings &settings() const { return m_settings; }
    void setSettings(const SensorSettings &settings);
    void applyPreset(SensorSettings::Preset preset); // keeps the frame (seed)
    void newFrame();
    QComboBox *presetBox() const { return m_preset; }

Q_SIGNALS:
    void settingsChanged(const mlwb::SensorSettings &settings);

private:
    struct Control {
        QSlider *slider;
        QDoubleSpinBox *spin;
        double shown; // the spin box shows the field × shown (percentages)
        std::function<double(const SensorSettings &)> get;
        std::function<void(SensorSettings &, double)> set;
    };
    struct Range {
        double minimum, maximum, step;
        int decimals;
        QString suffix;
        double shown = 1;
    };
    void addControl(const QString &name, const QString &label, const QString &tip, const Range &range,
                    std::function<double(const SensorSettings &)> get, std::function<void(SensorSettings &, double)> set);
    void showSettings();
    void controlChanged(qsizetype index, double spinValue);
    void updatePresetBox();

    SensorSettings m_settings;
    QList<Control> m_controls;
    QComboBox *m_preset;
    QPushButton *m_newFrame;
    QLabel *m_frame;
    bool m_updating = false;
};

} // namespace mlwb
