#pragma once
#include <QLabel>

namespace mlwb {

// An inline error message under a form or a list: red, wrapped, selectable, and hidden while
// there is nothing to say.
class ErrorLabel : public QLabel {
    Q_OBJECT
public:
    explicit ErrorLabel(QWidget *parent = nullptr);

    void showError(const QString &message);
    void clearError();
    QString error() const; // empty while hidden
};

} // namespace mlwb
