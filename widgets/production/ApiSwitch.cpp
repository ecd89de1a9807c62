#include "production/ApiSwitch.h"

#include "app/Warning.h"
#include "common/Error.h"
#include "common/Log.h"
#include "production/InferenceServer.h"
#include "production/InferenceService.h"

#include <QTimer>

namespace mlwb {

ApiSwitch::ApiSwitch(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("apiSwitch"));
    setCheckable(true);
    setAutoRaise(true);
    setToolTip(tr("Serve the production model over HTTP on this computer (POST /v1/predict; see the README)"));
    connect(this, &QToolButton::toggled, this, &ApiSwitch::toggle);
    auto *refresh = new QTimer(this);
    connect(refresh, &QTimer::timeout, this, &ApiSwitch::updateText);
    refresh->start(1000);
    updateText();
}

ApiSwitch::~ApiSwitch()
{
    stopServing();
}

void ApiSwitch::setWorkspace(WorkspacePtr workspace)
{
    if (workspace == m_workspace)
        return;
    setChecked(false); // stops serving the old workspace
    m_workspace = std::move(workspace);
    setEnabled(bool(m_workspace));
}

bool ApiSwitch::isServing() const
{
    return m_server && m_server->isListening();
}

QString ApiSwitch::url() const
{
    return isServing() ? m_server->url() : QString();
}

void ApiSwitch::toggle(bool on)
{
    if (!on) {
        stopServing();
        updateText();
        Q_EMIT servingChanged(false);
        return;
    }
    if (!m_workspace || isServing())
        return;
    try {
        InferenceService::Options options;
        options.threads = 1; // leave the other core to the window and training
        m_service = std::make_unique<InferenceService>(m_workspace, options);
        m_service->start();
        InferenceServer::Options serverOptions;
        serverOptions.port = m_port;
        m_server = std::make_unique<InferenceServer>(*m_service, serverOptions);
        m_server->start();
        spdlog::info("serving the production model on {}", m_server->url().toStdString());
    } catch (const Error &e) {
        stopServing();
        const QSignalBlocker block(this);
        setChecked(false);
        showWarning(this, tr("The API is not served"), e.message());
        updateText();
        return;
    }
    updateText();
    Q_EMIT servingChanged(true);
}

void ApiSwitch::stopServing()
{
    m_server.reset(); // closes its connections before the service it submits to goes
    m_service.reset();
}

void ApiSwitch::updateText()
{
    if (isServing())
        setText(tr("API: %1 · %2 answered").arg(m_server->url()).arg(m_service->answered()));
    else
        setText(tr("API: off"));
}

} // namespace mlwb
