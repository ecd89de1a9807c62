#pragma once
#include <QWidget>

namespace mlwb {

struct AppContext;

// The sidebar pages, in the order of a model's life. Each page lives in its own folder
// (widgets/data, widgets/training, ...) and is created by its factory function.
QWidget *createDataPage(AppContext &context, QWidget *parent);
QWidget *createTrainPage(AppContext &context, QWidget *parent);
QWidget *createEvaluatePage(AppContext &context, QWidget *parent);
QWidget *createModelsPage(AppContext &context, QWidget *parent);
QWidget *createSensorPage(AppContext &context, QWidget *parent);
QWidget *createLabelPage(AppContext &context, QWidget *parent);
QWidget *createMonitorPage(AppContext &context, QWidget *parent);

} // namespace mlwb
