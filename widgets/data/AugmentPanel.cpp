#include "data/AugmentPanel.h"

#include "common/Error.h"
#include "data/SampleImage.h"
#include "training/AugmentPreview.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QtConcurrent>

namespace mlwb {

namespace {
constexpr int kPreviewScale = 3;

QDoubleSpinBox *spinBox(double min, double max, double step, int decimals, const QString &suffix = {})
{
    auto *box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false);
    return box;
}

QPixmap enlarged(const QImage &image)
{
    return QPixmap::fromImage(image.scaled(image.size() * kPreviewScale, Qt::IgnoreAspectRatio, Qt::FastTransformation));
}
} // namespace

AugmentPanel::AugmentPanel(QWidget *parent) : QWidget(parent)
{
    m_rotation = spinBox(0, 180, 1, 1, tr("°"));
    m_rotation->setPrefix(tr("± "));
    m_cropProbability = spinBox(0, 1, 0.05, 2);
    m_cropScale = spinBox(0.3, 1, 0.05, 2);
    m_noise = spinBox(0, 1, 0.02, 2);
    const Augmentation defaults;
    m_cropScale->setValue(defaults.cropScale);
    m_rotation->setValue(10);
    m_cropProbability->setValue(0.5);
    m_noise->setValue(0.05);

    auto *settings = new QFormLayout;
    settings->addRow(tr("&Rotation:"), m_rotation);
    settings->addRow(tr("Crop &probability:"), m_cropProbability);
    settings->addRow(tr("Smallest crop &side:"), m_cropScale);
    settings->addRow(tr("&Noise σ:"), m_noise);
    auto *shuffleButton = new QPushButton(tr("S&huffle"));
    shuffleButton->setToolTip(tr("Draw other images (Ctrl+R)"));
    shuffleButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    settings->addRow(QString(), shuffleButton);
    auto *settingsBox = new QGroupBox(tr("Augmentation"));
    settingsBox->setLayout(settings);
    settingsBox->setMaximumWidth(440); // spin boxes stretched over the page are hard to read

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->addWidget(new QLabel(tr("Original")), 0, 0);
    grid->addWidget(new QLabel(tr("Augmented")), 1, 0);
    for (int i = 0; i < kCount; ++i) {
        for (auto [row, labels] : {std::pair{0, &m_originalLabels}, std::pair{1, &m_augmentedLabels}}) {
            auto *label = new QLabel;
            label->setFixedSize(28 * kPreviewScale + 4, 28 * kPreviewScale + 4);
            label->setAlignment(Qt::AlignCenter);
            label->setFrameShape(QFrame::StyledPanel);
            grid->addWidget(label, row, i + 1);
            labels->push_back(label);
        }
    }
    grid->setColumnStretch(kCount + 1, 1);
    m_status = new QLabel;
    m_status->setEnabled(false);
    auto *imagesBox = new QGroupBox(tr("Preview"));
    auto *imagesLayout = new QVBoxLayout(imagesBox);
    imagesLayout->addLayout(grid);
    imagesLayout->addWidget(m_status);

    // The row of previews scrolls sideways rather than making the window wider than a laptop screen.
    auto *imagesScroll = new QScrollArea;
    imagesScroll->setWidget(imagesBox);
    imagesScroll->setWidgetResizable(true);
    imagesScroll->setFrameShape(QFrame::NoFrame);
    imagesScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    imagesScroll->setMinimumHeight(imagesBox->sizeHint().height() + imagesScroll->horizontalScrollBar()->sizeHint().height());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(settingsBox);
    layout->addWidget(imagesScroll);
    layout->addStretch();

    for (QDoubleSpinBox *box : {m_rotation, m_cropProbability, m_cropScale, m_noise})
        connect(box, &QDoubleSpinBox::valueChanged, this, &AugmentPanel::requestPreview);
    connect(shuffleButton, &QPushButton::clicked, this, &AugmentPanel::shuffle);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AugmentPanel::showResult);
    setDataset(nullptr);
}

AugmentPanel::~AugmentPanel()
{
    m_watcher.waitForFinished();
}

void AugmentPanel::setDataset(DatasetPtr data)
{
    m_data = std::move(data);
    shuffle();
}

void AugmentPanel::setAugmentation(const Augmentation &augmentation)
{
    const QSignalBlocker b1(m_rotation), b2(m_cropProbability), b3(m_cropScale), b4(m_noise);
    m_rotation->setValue(augmentation.rotationDegrees);
    m_cropProbability->setValue(augmentation.cropProbability);
    m_cropScale->setValue(augmentation.cropScale);
    m_noise->setValue(augmentation.noiseSigma);
    requestPreview();
}

Augmentation AugmentPanel::augmentation() const
{
    Augmentation a;
    a.rotationDegrees = m_rotation->value();
    a.cropProbability = m_cropProbability->value();
    a.cropScale = m_cropScale->value();
    a.noiseSigma = m_noise->value();
    return a;
}

void AugmentPanel::shuffle()
{
    m_indices.clear();
    m_originals.clear();
    m_seed = QRandomGenerator::global()->generate64();
    if (m_data && m_data->size() > 0) {
        QRandomGenerator pick{quint32(m_seed)};
        for (int i = 0; i < kCount; ++i)
            m_indices.push_back(qint64(pick.bounded(quint64(m_data->size()))));
        for (qint64 index : m_indices)
            m_originals.push_back(sampleImage(*m_data, index));
    }
    for (int i = 0; i < kCount; ++i) {
        m_originalLabels[size_t(i)]->setPixmap(i < int(m_originals.size()) ? enlarged(m_originals[size_t(i)]) : QPixmap());
        m_augmentedLabels[size_t(i)]->clear();
    }
    m_status->setText(m_data ? QString() : tr("Select a data set version to preview the augmentation."));
    requestPreview();
}

void AugmentPanel::requestPreview()
{
    m_augmented.clear();
    if (!m_data || m_indices.empty())
        return;
    if (m_watcher.isRunning()) {
        m_pending = true; // the newest settings are read when the running one ends
        return;
    }
    launch({m_data, m_indices, augmentation(), m_seed});
}

void AugmentPanel::launch(Request request)
{
    m_pending = false;
    m_running = std::move(request);
    m_status->setText(tr("Augmenting…"));
    m_watcher.setFuture(QtConcurrent::run([r = m_running] {
        Outcome outcome;
        try {
            outcome.pixels = augmentImages(*r.data, r.indices, r.augmentation, r.seed);
        } catch (const Error &e) {
            outcome.error = e.message();
        } catch (const std::exception &e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

void AugmentPanel::showResult()
{
    const Outcome outcome = m_watcher.result();
    const std::vector<std::uint8_t> &pixels = outcome.pixels;
    const QString &error = outcome.error;
    const bool stale = m_running.data != m_data || m_running.indices != m_indices || m_running.seed != m_seed
                       || !(m_running.augmentation == augmentation());
    if (stale || m_pending) {
        m_running = {};
        requestPreview();
        return;
    }
    m_running = {};
    if (!error.isEmpty()) {
        m_status->setText(tr("Augmentation failed: %1").arg(error));
        return;
    }
    const qsizetype bytes = m_data->imageBytes();
    m_augmented.clear();
    for (size_t i = 0; i < m_indices.size(); ++i) {
        m_augmented.push_back(planarToImage(pixels.data() + i * size_t(bytes), m_data->channels, m_data->height, m_data->width));
        m_augmentedLabels[i]->setPixmap(enlarged(m_augmented.back()));
    }
    m_status->setText(tr("Images #%1").arg([this] {
        QStringList numbers;
        for (qint64 i : m_indices)
            numbers << QString::number(i);
        return numbers.join(QStringLiteral(", #"));
    }()));
    Q_EMIT previewReady();
}

} // namespace mlwb
