#pragma once
#include <QDialog>

class QComboBox;

namespace mlwb {

// Edit > Preferences: the interface language (System, English, Deutsch). Stored in the
// settings on OK; it takes effect at the next start, which the dialog says.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QString selectedLanguage() const; // "" = system

    void accept() override;

private:
    QComboBox *m_language;
};

} // namespace mlwb
