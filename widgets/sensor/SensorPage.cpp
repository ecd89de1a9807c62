#include "sensor/SensorPage.h"

#include "AppContext.h"
#include "Pages.h"
#include "data/PngEncode.h"
#include "app/Warning.h"
#include "common/Error.h"
#include "common/Log.h"
#include "data/SampleImage.h"
#include "jobs/JobManager.h"
#include "production/InferenceService.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "sensor/CapturePanel.h"
#include "sensor/DrawingCanvas.h"
#include "sensor/FolderPanel.h"
#include "sensor/PixelView.h"
#include "sensor/ProbabilityBars.h"
#include "sensor/SensorPanel.h"
#include "sensor/StageStrip.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mlwb {

namespace {

constexpr int kInputShown = 168; // 6 screen pixels per model pixel

// A JSON architecture is registered by its file's path: its name is enough here.
QString architectureName(const QString &architecture)
{
    return architecture.endsWith(QStringLiteral(".json")) ? QFileInfo(architecture).completeBaseName() : architecture;
}

// A wrapped message that does not make the page's layout height-for-width (which lets a box
// layout squeeze the canvas below its size when the window is short).
class MessageLabel : public QLabel {
public:
    using QLabel::QLabel;
    bool hasHeightForWidth() const override { return false; }
};

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

} // namespace

SensorPage::SensorPage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_models(new QComboBox(this)), m_status(new QLabel(this)),
      m_open(new QPushButton(tr("&Open image…"), this)), m_capture(new QPushButton(tr("&Capture"), this)),
      m_canvas(new DrawingCanvas(this)), m_strokeWidth(new QSlider(Qt::Horizontal, this)), m_sensor(new SensorPanel(this)),
      m_stages(new StageStrip(this)), m_inputView(new PixelView(QSize(kInputShown, kInputShown), this)),
      m_result(new QStackedWidget(this)), m_message(new MessageLabel(this)), m_topClass(new QLabel(this)),
      m_topProbability(new QLabel(this)), m_latency(new QLabel(this)), m_bars(new ProbabilityBars(this)),
      m_tabs(new QTabWidget(this)), m_captures(new CapturePanel(context.workspace, context.jobs ? &context.jobs->store() : nullptr, this)),
      m_folder(new FolderPanel(context, this)), m_live(new LivePredictor(context.workspace, this))
{
    setObjectName(QStringLiteral("sensorPage"));

    // The chooser row.
    m_models->setObjectName(QStringLiteral("modelBox"));
    m_models->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_models->setMinimumWidth(240);
    m_models->setToolTip(tr("The model that answers: the production model, or any other version to try"));
    connect(m_models, &QComboBox::activated, this, &SensorPage::modelChosen);
    m_status->setEnabled(false);
    m_open->setToolTip(tr("Open a PNG or JPEG picture of a digit as the drawing (Ctrl+O); dropping a file on the canvas does the same"));
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QPushButton::clicked, this, &SensorPage::chooseImage);
    m_capture->setObjectName(QStringLiteral("captureButton"));
    m_capture->setToolTip(tr("Store the drawing and the model's answer as a production sample (Enter); "
                             "then a digit key gives its true class"));
    connect(m_capture, &QPushButton::clicked, this, &SensorPage::capture);
    auto *chooser = new QHBoxLayout;
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_models);
    chooser->addWidget(modelLabel);
    chooser->addWidget(m_models);
    chooser->addWidget(m_status, 1);
    chooser->addWidget(m_open);
    chooser->addWidget(m_capture);

    // The canvas with its tools.
    m_strokeWidth->setObjectName(QStringLiteral("strokeWidth"));
    m_strokeWidth->setRange(4, 48);
    m_strokeWidth->setValue(int(m_canvas->strokeWidth()));
    m_strokeWidth->setToolTip(tr("Stroke width at full pen pressure"));
    connect(m_strokeWidth, &QSlider::valueChanged, this, [this](int width) { m_canvas->setStrokeWidth(width); });
    auto *undo = new QPushButton(tr("Undo"), this);
    undo->setToolTip(tr("Take the last stroke back (Ctrl+Z)"));
    connect(undo, &QPushButton::clicked, m_canvas, &DrawingCanvas::undo);
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setToolTip(tr("Clear the canvas (Esc)"));
    connect(clear, &QPushButton::clicked, m_canvas, &DrawingCanvas::clear);
    for (QPushButton *button : {undo, clear})
        button->setFocusPolicy(Qt::NoFocus); // the keys stay with the canvas
    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Width:"), this));
    tools->addWidget(m_strokeWidth, 1);
    tools->addWidget(undo);
    tools->addWidget(clear);
    auto *canvasColumn = new QVBoxLayout;
    canvasColumn->addWidget(caption(tr("Drawing"), this));
    canvasColumn->addWidget(m_canvas);
    canvasColumn->addLayout(tools);
    canvasColumn->addStretch();

    auto *sensorColumn = new QVBoxLayout;
    sensorColumn->addWidget(caption(tr("Sensor"), this));
    sensorColumn->addWidget(m_sensor);
    sensorColumn->addStretch();

    // The model input and the answer.
    m_inputView->setObjectName(QStringLiteral("modelInputView"));
    m_inputView->setToolTip(tr("Exactly what the model gets: the sensor's output, preprocessed MNIST-style to 28×28"));
    QFont big = m_topClass->font();
    big.setPointSizeF(big.pointSizeF() * 3.2);
    big.setBold(true);
    m_topClass->setObjectName(QStringLiteral("topClass"));
    m_topClass->setFont(big);
    m_topClass->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_topClass->setToolTip(tr("The most probable class"));
    m_latency->setEnabled(false);
    m_latency->setToolTip(tr("From the input to the answer on screen"));
    auto *answer = new QWidget(this);
    auto *answerLayout = new QVBoxLayout(answer);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    auto *topRow = new QHBoxLayout;
    topRow->addWidget(m_topClass);
    auto *topText = new QVBoxLayout;
    topText->addWidget(m_topProbability);
    topText->addWidget(m_latency);
    topRow->addLayout(topText);
    topRow->setAlignment(topText, Qt::AlignBottom); // beside the class name's baseline
    topRow->addStretch();
    answerLayout->addLayout(topRow);
    answerLayout->addWidget(m_bars);
    answerLayout->addStretch();
    m_message->setObjectName(QStringLiteral("sensorMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setEnabled(false);
    m_result->addWidget(answer);
    m_result->addWidget(m_message);
    m_result->setMinimumWidth(240);
    auto *inputColumn = new QVBoxLayout;
    inputColumn->addWidget(caption(tr("Model input"), this));
    inputColumn->addWidget(m_inputView);
    inputColumn->addStretch();
    auto *resultColumn = new QVBoxLayout;
    resultColumn->addWidget(caption(tr("Prediction"), this));
    resultColumn->addWidget(m_result, 1);

    auto *top = new QHBoxLayout;
    top->addLayout(canvasColumn);
    top->addSpacing(8);
    top->addLayout(sensorColumn, 1);
    top->addSpacing(8);
    top->addLayout(inputColumn);
    top->addSpacing(8);
    top->addLayout(resultColumn, 1);

    // Below: what each stage does, and where the samples go.
    auto *stagesColumn = new QVBoxLayout;
    stagesColumn->addWidget(caption(tr("Sensor stages"), this));
    stagesColumn->addWidget(m_stages);
    stagesColumn->addStretch();
    m_tabs->addTab(m_captures, tr("Captures"));
    m_tabs->addTab(m_folder, tr("Watched folder"));
    auto *bottom = new QHBoxLayout;
    bottom->addLayout(stagesColumn);
    bottom->addSpacing(8);
    bottom->addWidget(m_tabs, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addLayout(top);
    layout->addLayout(bottom, 1);

    // Keys: the page's, while the focus is anywhere on it but in a text field.
    const auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
        return s;
    };
    shortcut(QKeySequence(Qt::Key_Escape), [this] { m_canvas->clear(); });
    shortcut(QKeySequence::Undo, [this] { m_canvas->undo(); });
    for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Enter})
        shortcut(QKeySequence(key), [this] {
            // Enter in a spin box or a combo box confirms its value; it does not capture.
            QWidget *focus = QApplication::focusWidget();
            if (qobject_cast<QAbstractSpinBox *>(focus) || qobject_cast<QLineEdit *>(focus)
                || qobject_cast<QComboBox *>(focus))
                return m_canvas->setFocus();
            capture();
        });
    for (int digit = 0; digit <= 9; ++digit)
        shortcut(QKeySequence(Qt::Key(Qt::Key_0 + digit)), [this, digit] { labelCapture(digit); });

    connect(m_canvas, &DrawingCanvas::drawingChanged, this, &SensorPage::updateInput);
    connect(m_sensor, &SensorPanel::settingsChanged, this, &SensorPage::updateInput);
    connect(m_live, &LivePredictor::modelReady, this, &SensorPage::modelReady);
    connect(m_live, &LivePredictor::modelFailed, this, [this](const QString &message) {
        showMessage(tr("The model cannot be loaded:\n%1").arg(message));
    });
    connect(m_live, &LivePredictor::predicted, this, &SensorPage::showPrediction);

    m_captures->loadRecent();
    clearPrediction(tr("Draw a digit"));
    updateInput();
    reload();
}

SensorPage::~SensorPage() = default;

void SensorPage::showEvent(QShowEvent *event)
{
    reload(); // a promotion on the Models page moves the production model
    QWidget::showEvent(event);
    m_canvas->setFocus();
}

void SensorPage::reload()
{
    if (!m_context.workspace)
        return;
    const qint64 chosen = m_models->count() ? m_models->currentData().toLongLong() : 0;
    qint64 resolved = 0;
    {
        const QSignalBlocker block(m_models);
        m_models->clear();
        try {
            const ModelRegistry registry(*m_context.workspace);
            const std::optional<ModelVersion> production = registry.production();
            m_models->addItem(production ? tr("Production — model %1 (%2)").arg(production->id).arg(architectureName(production->architecture))
                                         : tr("Production (none yet)"),
                              0);
            for (const ModelVersion &model : registry.list())
                m_models->addItem(tr("Model %1 — %2, macro-F1 %3").arg(model.id).arg(architectureName(model.architecture))
                                      .arg(QLocale().toString(model.macroF1, 'f', 4)),
                                  model.id);
            const int index = m_models->findData(chosen);
            m_models->setCurrentIndex(index < 0 ? 0 : index);
            const qint64 id = m_models->currentData().toLongLong();
            resolved = id != 0 ? id : production ? production->id : 0;
        } catch (const Error &e) {
            spdlog::error("cannot list the model versions: {}", e.message().toStdString());
        }
    }
    if (resolved != m_requestedModel)
        modelChosen();
}

void SensorPage::modelChosen()
{
    const qint64 id = m_models->currentData().toLongLong();
    qint64 resolved = id;
    if (id == 0) {
        try {
            const std::optional<ModelVersion> production = ModelRegistry(*m_context.workspace).production();
            resolved = production ? production->id : 0;
        } catch (const Error &e) {
            spdlog::error("cannot read the production model: {}", e.message().toStdString());
        }
    }
    m_requestedModel = resolved;
    m_service.reset();
    m_serviceModel = -1;
    m_capture->setEnabled(false);
    if (resolved == 0) {
        showMessage(tr("No model in production: promote one on the Models page"));
        m_status->clear();
        return;
    }
    m_status->setText(tr("loading model %1…").arg(resolved));
    m_live->load(resolved);
}

void SensorPage::modelReady()
{
    const LivePredictor::ModelInfo &model = *m_live->model();
    if (!modelFits()) {
        showMessage(tr("Model %1 takes %2×%3×%4 images; the canvas makes 1×28×28 grey digits. Choose another model.")
                        .arg(model.id).arg(model.channels).arg(model.height).arg(model.width));
        m_status->clear();
        return;
    }
    m_status->setText(tr("model %1 answers").arg(model.id));
    m_bars->setClassNames(model.classNames);
    m_captures->setClassNames(model.classNames);
    m_result->setCurrentIndex(0);
    m_capture->setEnabled(true);
    updateInput();
}

bool SensorPage::modelFits() const
{
    const auto &model = m_live->model();
    return model && model->channels == 1 && model->height == 28 && model->width == 28;
}

void SensorPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_result->setCurrentIndex(1);
    m_capture->setEnabled(false);
}

bool SensorPage::isShowingMessage() const
{
    return m_result->currentIndex() == 1;
}

QString SensorPage::messageText() const
{
    return isShowingMessage() ? m_message->text() : QString();
}

QString SensorPage::topClassText() const
{
    return m_topClass->text();
}

void SensorPage::updateInput()
{
    if (m_canvas->isEmpty()) {
        m_input = {};
        m_stages->clear();
        m_inputView->clear();
        clearPrediction(tr("Draw a digit"));
        return;
    }
    try {
        const std::vector<GrayImage> stages = sensorStages(m_canvas->drawing(), m_sensor->settings());
        m_stages->setStages(stages);
        // The same as sensorModelInput(): the last stage is the sensor's output.
        m_input = preprocessMnistStyle(stages.back());
    } catch (const Error &e) {
        m_status->setText(e.message());
        return;
    }
    m_inputView->setImage(planarToImage(m_input.pixels.data(), 1, m_input.height, m_input.width));
    if (modelFits())
        m_live->predict(m_input.pixels);
}

void SensorPage::showPrediction(const LivePrediction &prediction)
{
    if (m_input.pixels.empty() || !modelFits())
        return; // cleared meanwhile
    if (!prediction.error.isEmpty()) {
        m_status->setText(prediction.error);
        return;
    }
    const QStringList &names = m_live->model()->classNames;
    const float p = prediction.probabilities[size_t(prediction.predicted)];
    m_topClass->setText(names.value(prediction.predicted, QString::number(prediction.predicted)));
    m_topProbability->setText(tr("%1 % sure").arg(QLocale().toString(100.0 * p, 'f', 1)));
    m_latency->setText(tr("answered in %1 ms").arg(QLocale().toString(prediction.latencyMs, 'f', 1)));
    m_bars->setProbabilities(prediction.probabilities);
    Q_EMIT predictionShown(prediction);
}

void SensorPage::clearPrediction(const QString &hint)
{
    m_topClass->setText(QStringLiteral("–"));
    m_topProbability->setText(hint);
    m_latency->clear();
    m_bars->clearProbabilities();
}

void SensorPage::capture()
{
    if (m_canvas->isEmpty() || m_input.pixels.empty()) {
        m_status->setText(tr("Draw a digit first, then press Enter to capture it."));
        return;
    }
    if (!modelFits() || !m_capture->isEnabled())
        return;
    const qint64 choice = m_models->currentData().toLongLong();
    if (!m_service || m_serviceModel != choice) {
        InferenceService::Options options;
        options.modelId = choice; // 0 follows the production alias, as the live preview does
        options.maxWaitMicroseconds = 0; // one capture at a time: nothing to batch
        options.maxBatch = 4;            // and a short warm-up before the first
        auto service = std::make_unique<InferenceService>(m_context.workspace, options);
        try {
            service->start();
        } catch (const Error &e) {
            showWarning(this, tr("Not captured"), e.message());
            Q_EMIT captureFailed(e.message());
            return;
        }
        m_service = std::move(service);
        m_serviceModel = choice;
    }
    InferenceRequest request;
    const QString file = m_canvas->imageFileName();
    request.source = m_canvas->hasImage() ? SampleSource::File : SampleSource::Canvas;
    request.input = m_input.pixels;
    if (!file.isEmpty()) {
        request.originalName = QFileInfo(file).fileName();
        QFile original(file);
        // The file itself is the original, unless strokes were drawn over it.
        if (m_canvas->strokes().isEmpty() && original.open(QIODevice::ReadOnly))
            request.originalPng = original.readAll();
    }
    if (request.originalPng.isEmpty())
        request.originalPng = encodePng(m_canvas->drawingImage());
    m_captureInFlight = true;
    m_pendingLabel.reset();
    m_status->setText(tr("capturing…"));
    m_service->submit(std::move(request))
        .then(this, [this](const InferenceAnswer &answer) { captureAnswered(answer); })
        .onFailed(this, [this](const std::exception &e) {
            InferenceAnswer failed;
            failed.error = QString::fromLocal8Bit(e.what());
            captureAnswered(failed);
        });
}

void SensorPage::captureAnswered(const InferenceAnswer &answer)
{
    m_captureInFlight = false;
    const std::optional<int> label = std::exchange(m_pendingLabel, std::nullopt);
    if (!answer.error.isEmpty()) {
        m_status->setText(tr("not captured: %1").arg(answer.error));
        Q_EMIT captureFailed(answer.error);
        return;
    }
    try {
        const std::optional<ProductionSample> sample = SampleStore(*m_context.workspace).sample(answer.sampleId);
        if (sample)
            m_captures->addCapture(*sample);
    } catch (const Error &e) {
        spdlog::error("cannot read sample {}: {}", answer.sampleId, e.message().toStdString());
    }
    m_status->setText(tr("captured as sample %1: press a digit key for its true class").arg(answer.sampleId));
    m_tabs->setCurrentWidget(m_captures);
    if (label)
        m_captures->labelSelected(*label);
    Q_EMIT captured(answer.sampleId);
}

void SensorPage::labelCapture(int classIndex)
{
    if (m_captureInFlight) {
        m_pendingLabel = classIndex; // given as soon as the sample is stored
        return;
    }
    if (m_captures->labelSelected(classIndex))
        m_status->setText(tr("sample %1 labelled %2").arg(m_captures->selectedSampleId())
                              .arg(m_live->model() ? m_live->model()->classNames.value(classIndex) : QString::number(classIndex)));
}

bool SensorPage::openImage(const QString &path)
{
    if (!m_canvas->openImage(path)) {
        showWarning(this, tr("Cannot open the image"), tr("%1 is not a PNG or JPEG image that can be read.").arg(path));
        return false;
    }
    m_status->setText(tr("%1 opened").arg(QFileInfo(path).fileName()));
    return true;
}

void SensorPage::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a picture of a digit"),
                                                      QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                                      tr("Images (*.png *.jpg *.jpeg *.bmp)"));
    if (!path.isEmpty())
        openImage(path);
}

QWidget *createSensorPage(AppContext &context, QWidget *parent)
{
    return new SensorPage(context, parent);
}

} // namespace mlwb
