#pragma once
#include "store/Workspace.h"

#include <QToolButton>
#include <memory>

namespace mlwb {

class InferenceServer;
class InferenceService;

// The status bar's switch for the inference API (off by default): when on, the production
// model of the open workspace is served on http://127.0.0.1:PORT as `mlwb serve` does (every
// answered request a production sample; a promotion switches the model between batches).
// Loopback only, so no token is needed. The button shows the address and how many requests
// were answered; a failure (no production model, the port taken) is said in a dialog.
class ApiSwitch : public QToolButton {
    Q_OBJECT
public:
    explicit ApiSwitch(QWidget *parent = nullptr);
    ~ApiSwitch() override;

    // Stops serving the old workspace.
    void setWorkspace(WorkspacePtr workspace);
    void setPort(quint16 port) { m_port = port; }
    bool isServing() const;
    QString url() const;

Q_SIGNALS:
    void servingChanged(bool serving);

private:
    void toggle(bool on);
    void stopServing();
    void updateText();

    WorkspacePtr m_workspace;
    quint16 m_port = 8765;
    std::unique_ptr<InferenceService> m_service;
    std::unique_ptr<InferenceServer> m_server;
};

} // namespace mlwb
