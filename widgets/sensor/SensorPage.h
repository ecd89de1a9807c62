#pragma once
#include "data/Preprocess.h"
#include "production/LivePredictor.h"
#include "production/SensorModel.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QStackedWidget;
class QTabWidget;

namespace mlwb {

struct AppContext;
struct InferenceAnswer;
class CapturePanel;
class DrawingCanvas;
class FolderPanel;
class InferenceService;
class PixelView;
class ProbabilityBars;
class SensorPanel;
class StageStrip;

// The Sensor page: draw a digit (or open a picture), see it pass through a simulated camera
// sensor stage by stage, see exactly the 28×28 input the model gets, and the model's answer
// while drawing. Enter captures the drawing as a production sample (a digit key then gives
// its true class); a watched folder feeds images a device writes. The production model
// answers unless another version is chosen.
class SensorPage : public QWidget {
    Q_OBJECT
public:
    SensorPage(AppContext &context, QWidget *parent = nullptr);
    ~SensorPage() override;

    void reload(); // the model list; follows a promotion when Production is chosen

    // Stores the drawing (or opened image) through the inference service, as the model
    // input shown; captured() or captureFailed() follow.
    void capture();
    // Gives the selected capture (the last one) its true class; a capture still on its way
    // gets it when it arrives.
    void labelCapture(int classIndex);
    bool openImage(const QString &path);

    DrawingCanvas *canvas() const { return m_canvas; }
    SensorPanel *sensorPanel() const { return m_sensor; }
    StageStrip *stageStrip() const { return m_stages; }
    PixelView *inputView() const { return m_inputView; }
    ProbabilityBars *probabilityBars() const { return m_bars; }
    CapturePanel *capturePanel() const { return m_captures; }
    FolderPanel *folderPanel() const { return m_folder; }
    QComboBox *modelBox() const { return m_models; }
    LivePredictor *livePredictor() const { return m_live; }
    const GrayImage &modelInput() const { return m_input; } // what the input view shows
    QString topClassText() const;
    QString messageText() const; // the empty state's text, when shown
    bool isShowingMessage() const;

Q_SIGNALS:
    void predictionShown(const mlwb::LivePrediction &prediction);
    void captured(qint64 sampleId);
    void captureFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void modelChosen();
    void modelReady();
    void showMessage(const QString &text);
    void updateInput();
    void showPrediction(const LivePrediction &prediction);
    void clearPrediction(const QString &hint);
    void captureAnswered(const InferenceAnswer &answer);
    void chooseImage();
    bool modelFits() const;

    AppContext &m_context;
    QComboBox *m_models;
    QLabel *m_status;
    QPushButton *m_open;
    QPushButton *m_capture;
    DrawingCanvas *m_canvas;
    QSlider *m_strokeWidth;
    SensorPanel *m_sensor;
    StageStrip *m_stages;
    PixelView *m_inputView;
    QStackedWidget *m_result;
    QLabel *m_message;
    QLabel *m_topClass;
    QLabel *m_topProbability;
    QLabel *m_latency;
    ProbabilityBars *m_bars;
    QTabWidget *m_tabs;
    CapturePanel *m_captures;
    FolderPanel *m_folder;
    LivePredictor *m_live;
    std::unique_ptr<InferenceService> m_service; // captures; made at the first one
    qint64 m_serviceModel = -1;                  // the choice it was made for

    GrayImage m_input;
    qint64 m_requestedModel = -1; // the resolved version last asked of the live predictor
    bool m_captureInFlight = false;
    std::optional<int> m_pendingLabel;
};

} // namespace mlwb
