#pragma once
#include "data/Dataset.h"
#include "store/DatasetStore.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;
class QTabWidget;

namespace mlwb {

struct AppContext;
class AugmentPanel;
class ClassHistogram;
class SampleBrowser;

// The Data page: stored data set versions (left) with their details, the selected
// version's images, class histogram and augmentation preview (right), and Import….
// Data sets are read on a pool thread; the UI only ever shows what has been loaded.
class DataPage : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, VersionColumn, ImagesColumn, GeometryColumn, FormatColumn, CreatedColumn, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit DataPage(AppContext &context, QWidget *parent = nullptr);
    ~DataPage() override;

    // Re-reads the list of versions, keeping the selection where possible.
    void refresh();
    // Selects (and starts loading) the version with this full id; false when it is not listed.
    bool selectVersion(const QString &id);
    // Shows the import dialog (modal); selects the imported version.
    void openImportDialog();
    // After an import: re-reads the list and selects that version.
    void showImported(const mlwb::DatasetVersion &version);

    QStandardItemModel *versionsModel() const { return m_versions; }
    SampleBrowser *browser() const { return m_browser; }
    AugmentPanel *augmentPanel() const { return m_augment; }
    const DatasetPtr &loadedDataset() const { return m_loaded; }
    const QString &loadedId() const { return m_loadedId; }

Q_SIGNALS:
    void datasetLoaded(const QString &id);
    void loadFailed(const QString &id, const QString &message);

private:
    struct Loaded {
        QString id;
        DatasetPtr data;
        QString error;
    };
    QString selectedId() const;
    void onSelectionChanged();
    void showDetails(const DatasetVersion *version);
    void startLoading(const QString &id);
    void onLoaded();

    AppContext &m_context;
    QList<DatasetVersion> m_list;
    QStandardItemModel *m_versions;
    QTableView *m_table;
    QLabel *m_details;
    QLabel *m_emptyHint;
    QTabWidget *m_tabs;
    SampleBrowser *m_browser;
    ClassHistogram *m_histogram;
    AugmentPanel *m_augment;
    QFutureWatcher<Loaded> m_loader;
    QString m_loadingId;
    QString m_loadedId;
    DatasetPtr m_loaded;
};

} // namespace mlwb
