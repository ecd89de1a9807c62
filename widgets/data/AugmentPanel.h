#pragma once
#include "data/Dataset.h"
#include "training/TrainSettings.h"

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>
#include <cstdint>
#include <vector>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;

namespace mlwb {

// Shows what the training augmentation does: 8 images of the data set over the same 8
// augmented with the settings of the spin boxes. Augmenting runs off the UI thread; when
// settings change while it runs, only the latest settings are computed next.
class AugmentPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kCount = 8;

    explicit AugmentPanel(QWidget *parent = nullptr);
    ~AugmentPanel() override;

    void setDataset(DatasetPtr data);
    void setAugmentation(const Augmentation &augmentation); // updates the spin boxes
    Augmentation augmentation() const;
    // Draws 8 other images (and another augmentation seed).
    void shuffle();

    const std::vector<qint64> &indices() const { return m_indices; }
    const std::vector<QImage> &originals() const { return m_originals; }
    const std::vector<QImage> &augmented() const { return m_augmented; }

Q_SIGNALS:
    void previewReady(); // augmented() holds the images of the latest settings

private:
    struct Outcome {
        std::vector<std::uint8_t> pixels;
        QString error;
    };
    struct Request {
        DatasetPtr data;
        std::vector<qint64> indices;
        Augmentation augmentation;
        quint64 seed = 0;
    };
    void requestPreview();
    void launch(Request request);
    void showResult();

    DatasetPtr m_data;
    std::vector<qint64> m_indices;
    quint64 m_seed = 1;
    std::vector<QImage> m_originals, m_augmented;
    QDoubleSpinBox *m_rotation, *m_cropProbability, *m_cropScale, *m_noise;
    std::vector<QLabel *> m_originalLabels, m_augmentedLabels;
    QLabel *m_status;
    QFutureWatcher<Outcome> m_watcher;
    Request m_running;
    bool m_pending = false;
};

} // namespace mlwb
