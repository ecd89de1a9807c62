// The factories of the pages whose classes keep no factory of their own: Evaluate, Models and
// Sensor. (Data, Train, Label and Monitor define theirs beside their page.)
#include "AppContext.h"
#include "Pages.h"
#include "evaluation/EvaluatePage.h"
#include "models/ModelsPage.h"
#include "sensor/SensorPage.h"

namespace mlwb {

QWidget *createEvaluatePage(AppContext &context, QWidget *parent)
{
    return new EvaluatePage(context, parent);
}

QWidget *createModelsPage(AppContext &context, QWidget *parent)
{
    return new ModelsPage(context, parent);
}

QWidget *createSensorPage(AppContext &context, QWidget *parent)
{
    return new SensorPage(context, parent);
}

} // namespace mlwb
