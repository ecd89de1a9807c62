#include "app/PreferencesDialog.h"

#include "app/Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace mlwb {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_language(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_language->addItem(tr("System"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en")); // each in its own language
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    const int current = m_language->findData(settings::language());
    m_language->setCurrentIndex(current < 0 ? 0 : current);

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *note = new QLabel(tr("A new language takes effect when mlwb is started again."), this);
    note->setWordWrap(true);
    note->setEnabled(false); // the muted look of a hint

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(380, 160);
}

QString PreferencesDialog::selectedLanguage() const
{
    return m_language->currentData().toString();
}

void PreferencesDialog::accept()
{
    settings::setLanguage(selectedLanguage());
    QDialog::accept();
}

} // namespace mlwb
