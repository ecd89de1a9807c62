#pragma once
#include <QMainWindow>

namespace mlwb {

class Workspace;

// The workbench window. The pages arrive with the GUI issue; for now it shows the workspace.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString &workspacePath, QWidget *parent = nullptr);
};

} // namespace mlwb
