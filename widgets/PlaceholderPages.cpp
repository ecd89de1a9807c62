// The pages that are not the Data, Train or Label page: Models, Evaluate and Sensor show real
// content; Monitor arrives in a later version and says so instead of showing made-up data.
#include "AppContext.h"
#include "Pages.h"
#include "evaluation/EvaluatePage.h"
#include "models/ModelsPage.h"
#include "sensor/SensorPage.h"

#include <QCoreApplication>
#include <QLabel>
#include <QVBoxLayout>

namespace mlwb {

namespace {

class LaterPage : public QWidget {
    Q_DECLARE_TR_FUNCTIONS(mlwb::LaterPage)
public:
    LaterPage(const QString &objectName, const QString &title, const QString &what, QWidget *parent)
        : QWidget(parent)
    {
        setObjectName(objectName);
        auto *heading = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
        auto *text = new QLabel(what + QStringLiteral("\n\n") + tr("This page arrives in a later version of mlwb."), this);
        text->setWordWrap(true);
        text->setFixedWidth(460);
        // An aligned item gets its size hint, not its height-for-width: reserve the wrapped height.
        text->setMinimumHeight(text->heightForWidth(460));
        for (QLabel *label : {heading, text})
            label->setAlignment(Qt::AlignCenter);
        auto *layout = new QVBoxLayout(this);
        layout->addStretch();
        layout->addWidget(heading, 0, Qt::AlignHCenter);
        layout->addWidget(text, 0, Qt::AlignHCenter);
        layout->addStretch();
    }
};

} // namespace

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

QWidget *createMonitorPage(AppContext &, QWidget *parent)
{
    return new LaterPage(QStringLiteral("monitorPage"), LaterPage::tr("Monitor"),
                         LaterPage::tr("Watch the production model over time: its confidence, the classes it "
                                       "predicts, and how its inputs drift away from the training data."),
                         parent);
}

} // namespace mlwb
