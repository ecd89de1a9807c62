#include "cli/Commands.h"
#include "common/Log.h"
#include "MainWindow.h"
#include "app/Settings.h"
#include "app/Translation.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

// mlwb with a command runs headless; without one it opens the workbench window.
int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCoreApplication::setOrganizationName(QStringLiteral("mlwb"));
    QCoreApplication::setApplicationName(QStringLiteral("mlwb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLWB_VERSION));

    if (mlwb::wantsCli(arguments)) {
        // Headless, nothing needs GLib's event loop; Qt's own costs `mlwb serve` less per
        // request (its HTTP thread: 22 instead of 25 µs).
        if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
            qputenv("QT_NO_GLIB", "1");
        QCoreApplication app(argc, argv);
        mlwb::initLogging(mlwb::LogMode::Cli);
        return mlwb::runCli(arguments);
    }

    QApplication app(argc, argv);
    // The id ties the window to packaging/org.mlwb.Workbench.desktop (Wayland app id, docks).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.mlwb.Workbench"));
    QIcon icon;
    for (int size : {48, 128, 256})
        icon.addFile(QStringLiteral(":/icons/%1x%1/org.mlwb.Workbench.png").arg(size));
    QApplication::setWindowIcon(icon);
    mlwb::initLogging(mlwb::LogMode::Gui);
    mlwb::installTranslators(mlwb::settings::language());
    QString workspace;
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i)
        if (arguments[i] == u"--workspace")
            workspace = arguments[i + 1];
    // --workspace > MLWB_WORKSPACE > the one opened last in the window > the default.
    if (workspace.isEmpty() && qEnvironmentVariableIsEmpty("MLWB_WORKSPACE"))
        workspace = mlwb::settings::lastWorkspace();
    mlwb::MainWindow window(mlwb::Workspace::resolvePath(workspace));
    window.show();
    return app.exec();
}
