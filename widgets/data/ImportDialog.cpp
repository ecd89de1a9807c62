#include "data/ImportDialog.h"

#include "data/Ingest.h"

#include "data/SourcePreview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

namespace mlwb {

namespace {
constexpr int kPreviewImages = 8;
constexpr int kPreviewSide = 56;
enum ClassPreset { FromSource, Digits, FashionMnist, Custom };
} // namespace

ImportDialog::ImportDialog(AppContext &context, QWidget *parent)
    : QDialog(parent), m_importer(new DatasetImporter(context, this))
{
    setWindowTitle(tr("Import Data Set"));
    m_format = new QComboBox;
    m_format->addItem(tr("Detect automatically"), int(SourceFormat::Auto));
    m_format->addItem(tr("IDX (MNIST files)"), int(SourceFormat::Idx));
    m_format->addItem(tr("NumPy .npz (Keras mnist.npz)"), int(SourceFormat::Npz));
    m_format->addItem(tr("PNG folder + groundtruth.csv"), int(SourceFormat::PngCsv));
    m_format->addItem(tr("One folder per class"), int(SourceFormat::ClassFolders));
    m_format->addItem(tr("CIFAR-10 binary batches"), int(SourceFormat::Cifar10));

    m_path = new QLineEdit;
    m_path->setPlaceholderText(tr("A folder, an .npz file or an IDX images file"));
    m_path->setMinimumWidth(360);
    auto *folderButton = new QPushButton(tr("&Folder…"));
    auto *fileButton = new QPushButton(tr("F&ile…"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(folderButton);
    pathRow->addWidget(fileButton);
    connect(folderButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Data Set Folder"), m_path->text());
        if (!dir.isEmpty())
            m_path->setText(dir);
    });
    connect(fileButton, &QPushButton::clicked, this, &ImportDialog::browse);

    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("The folder or file name"));

    m_resize = new QCheckBox(tr("&Resize to"));
    m_width = new QSpinBox;
    m_height = new QSpinBox;
    for (QSpinBox *box : {m_width, m_height}) {
        box->setRange(1, 1024);
        box->setValue(28);
        box->setSuffix(tr(" px"));
        box->setEnabled(false);
    }
    auto *resizeRow = new QHBoxLayout;
    resizeRow->addWidget(m_resize);
    resizeRow->addWidget(m_width);
    resizeRow->addWidget(new QLabel(tr("×")));
    resizeRow->addWidget(m_height);
    resizeRow->addStretch();
    connect(m_resize, &QCheckBox::toggled, m_width, &QWidget::setEnabled);
    connect(m_resize, &QCheckBox::toggled, m_height, &QWidget::setEnabled);

    m_classPreset = new QComboBox;
    m_classPreset->addItem(tr("From the source"), FromSource);
    m_classPreset->addItem(tr("Digits 0–9"), Digits);
    m_classPreset->addItem(tr("Fashion-MNIST"), FashionMnist);
    m_classPreset->addItem(tr("Custom"), Custom);
    m_classNames = new QLineEdit;
    m_classNames->setPlaceholderText(tr("Comma-separated, in label order"));
    m_classNames->setEnabled(false);
    connect(m_classPreset, &QComboBox::currentIndexChanged, this, [this] {
        const int preset = m_classPreset->currentData().toInt();
        QStringList names;
        if (preset == Digits)
            for (int d = 0; d < 10; ++d)
                names << QString::number(d);
        else if (preset == FashionMnist)
            names = fashionMnistClassNames();
        if (preset != Custom)
            m_classNames->setText(names.join(QStringLiteral(", ")));
        m_classNames->setEnabled(preset == Custom);
    });
    auto *classRow = new QHBoxLayout;
    classRow->addWidget(m_classPreset);
    classRow->addWidget(m_classNames, 1);

    m_previewRow = new QHBoxLayout;
    m_previewRow->setSpacing(4);
    for (int i = 0; i < kPreviewImages; ++i) {
        auto *label = new QLabel;
        label->setFixedSize(kPreviewSide + 2, kPreviewSide + 2);
        label->setFrameShape(QFrame::StyledPanel);
        label->setAlignment(Qt::AlignCenter);
        m_previewRow->addWidget(label);
    }
    m_previewRow->addStretch();
    m_previewNote = new QLabel;
    m_previewNote->setEnabled(false);
    auto *previewBox = new QVBoxLayout;
    previewBox->addLayout(m_previewRow);
    previewBox->addWidget(m_previewNote);

    auto *form = new QFormLayout;
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("Source:"), pathRow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Size:"), resizeRow);
    form->addRow(tr("Classes:"), classRow);
    form->addRow(tr("First images:"), previewBox);

    m_progress = new QProgressBar;
    m_progress->setVisible(false);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setDefault(true);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch();
    layout->addWidget(m_buttons);

    // Typing a path should not read files on every key press.
    auto *previewTimer = new QTimer(this);
    previewTimer->setSingleShot(true);
    previewTimer->setInterval(250);
    connect(previewTimer, &QTimer::timeout, this, &ImportDialog::updatePreview);
    connect(m_path, &QLineEdit::textChanged, previewTimer, qOverload<>(&QTimer::start));
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updatePreview);

    connect(m_importer, &DatasetImporter::progress, this, [this](qint64 done, qint64 total, const QString &what) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(int(1000 * done / total));
        m_progress->setFormat(what + QStringLiteral(" %p%"));
        m_message->setText(what);
    });
    connect(m_importer, &DatasetImporter::failed, this, &ImportDialog::onFailed);
    connect(m_importer, &DatasetImporter::succeeded, this, &ImportDialog::onSucceeded);
    connect(m_importer, &DatasetImporter::cancelled, this, [this] { m_message->setText(tr("Import cancelled; nothing was stored.")); });
    connect(m_importer, &DatasetImporter::finished, this, [this] { setRunning(false); });
    updatePreview();
}

ImportRequest ImportDialog::request() const
{
    ImportRequest r;
    r.path = m_path->text().trimmed();
    r.name = m_name->text().trimmed();
    r.format = SourceFormat(m_format->currentData().toInt());
    r.resize = m_resize->isChecked();
    r.width = m_width->value();
    r.height = m_height->value();
    if (m_classPreset->currentData().toInt() != FromSource)
        for (const QString &name : m_classNames->text().split(u',', Qt::SkipEmptyParts))
            if (!name.trimmed().isEmpty())
                r.classNames << name.trimmed();
    return r;
}

void ImportDialog::setSource(const QString &path, SourceFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
    m_path->setText(path);
    updatePreview();
}

void ImportDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void ImportDialog::browse()
{
    const QString filter = tr("Data set files (*.npz *ubyte *ubyte.gz *.bin);;All files (*)");
    const QString file = QFileDialog::getOpenFileName(this, tr("Data Set File"), m_path->text(), filter);
    if (!file.isEmpty())
        m_path->setText(file);
}

void ImportDialog::updatePreview()
{
    const std::vector<QImage> images = previewSource(m_path->text().trimmed(), SourceFormat(m_format->currentData().toInt()), kPreviewImages);
    m_previewCount = int(images.size());
    for (int i = 0; i < kPreviewImages; ++i) {
        auto *label = static_cast<QLabel *>(m_previewRow->itemAt(i)->widget());
        if (i < int(images.size())) {
            const QImage &image = images[size_t(i)];
            // Integer scale with nearest-neighbour keeps small images crisp.
            const int scale = std::max(1, kPreviewSide / std::max(image.width(), image.height()));
            QImage shown = image.scaled(image.size() * scale, Qt::KeepAspectRatio, Qt::FastTransformation);
            if (shown.width() > kPreviewSide || shown.height() > kPreviewSide)
                shown = image.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            label->setPixmap(QPixmap::fromImage(shown));
        } else {
            label->clear();
        }
    }
    m_previewNote->setText(m_path->text().trimmed().isEmpty() ? tr("Choose a source to see its first images.")
                           : images.empty()                   ? tr("No preview for this source; Import reads it fully.")
                                                              : QString());
    m_previewNote->setVisible(!m_previewNote->text().isEmpty());
}

void ImportDialog::startImport()
{
    m_lastError.clear();
    m_message->clear();
    setRunning(true);
    if (!m_importer->start(request()))
        setRunning(false);
}

void ImportDialog::setRunning(bool running)
{
    m_importButton->setEnabled(!running);
    m_progress->setVisible(running);
    if (running)
        m_progress->setRange(0, 0);
    for (QWidget *w : {static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_path), static_cast<QWidget *>(m_name),
                       static_cast<QWidget *>(m_resize), static_cast<QWidget *>(m_classPreset)})
        w->setEnabled(!running);
}

void ImportDialog::reject()
{
    if (m_importer->isRunning()) {
        m_importer->cancel();
        m_message->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void ImportDialog::onFailed(const QString &message)
{
    m_lastError = message;
    m_message->setText(tr("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
    if (isVisible())
        QMessageBox::warning(this, tr("Import Failed"), message);
}

void ImportDialog::onSucceeded(const DatasetVersion &version, bool created)
{
    const QString text = created ? tr("Imported “%1” as version %2 (%L3 images).").arg(version.name, version.id.left(12)).arg(version.count())
                                 : tr("This data is already stored as “%1”, version %2: nothing new was written.")
                                       .arg(version.name, version.id.left(12));
    m_message->setText(text);
    Q_EMIT imported(version, created);
    if (isVisible() && !created)
        QMessageBox::information(this, tr("Already Stored"), text);
    if (isVisible())
        accept();
}

} // namespace mlwb
