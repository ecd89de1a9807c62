#pragma once
#include <QString>

class QWidget;

namespace mlwb {

// A warning dialog that does not block the caller (window-modal, deletes itself when closed):
// the event loop, jobs and plots go on while it is shown, and tests can find and close it.
void showWarning(QWidget *parent, const QString &title, const QString &text);

} // namespace mlwb
