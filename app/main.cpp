#include "MainWindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    mlwb::MainWindow window(QStringLiteral("."));
    window.show();
    return app.exec();
}
