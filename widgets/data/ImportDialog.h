#pragma once
#include "data/DatasetImporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace mlwb {

// Asks where a data set lies and how to read it, previews its first images, and imports it
// through a DatasetImporter (the status bar shows the job too). Stays open while importing,
// with progress and Cancel; closes when the version is stored.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(AppContext &context, QWidget *parent = nullptr);

    ImportRequest request() const;
    void setSource(const QString &path, SourceFormat format = SourceFormat::Auto);
    void setName(const QString &name);
    // What the Import button does: validate, then start the import. Errors are shown in the
    // dialog (and in a message box while the dialog is visible).
    void startImport();

    DatasetImporter *importer() const { return m_importer; }
    const QString &lastError() const { return m_lastError; }
    int previewCount() const { return m_previewCount; }

Q_SIGNALS:
    void imported(const mlwb::DatasetVersion &version, bool created);

protected:
    void reject() override; // cancels a running import instead of closing under it

private:
    void browse();
    void updatePreview();
    void setRunning(bool running);
    void onFailed(const QString &message);
    void onSucceeded(const DatasetVersion &version, bool created);

    DatasetImporter *m_importer;
    QComboBox *m_format;
    QLineEdit *m_path;
    QLineEdit *m_name;
    QCheckBox *m_resize;
    QSpinBox *m_width, *m_height;
    QComboBox *m_classPreset;
    QLineEdit *m_classNames;
    QHBoxLayout *m_previewRow;
    QLabel *m_previewNote;
    QProgressBar *m_progress;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_importButton;
    QString m_lastError;
    int m_previewCount = 0;
};

} // namespace mlwb
