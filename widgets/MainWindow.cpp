#include "MainWindow.h"

#include <QLabel>

namespace mlwb {

MainWindow::MainWindow(const QString &workspacePath, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("MLOps Workbench — %1").arg(workspacePath));
    auto *label = new QLabel(tr("Workspace: %1\nUse the command line (mlwb --help) to ingest, train and promote models.")
                                 .arg(workspacePath), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(900, 600);
}

} // namespace mlwb
