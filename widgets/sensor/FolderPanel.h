#pragma once
#include <QStringList>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace mlwb {

struct AppContext;
class FolderWatcher;
class InferenceService;

// A folder that a device (a scanner, a camera) writes images into: while watched, every new
// PNG or JPEG goes to the production model and is stored as a Folder sample. Shows the counts
// and the last few images with their predictions.
class FolderPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kShown = 8;

    explicit FolderPanel(AppContext &context, QWidget *parent = nullptr);
    ~FolderPanel() override;

    QString folder() const;
    void setFolder(const QString &path); // stops watching the old one
    // Starts the production model and the watcher; false (with the reason shown) when either fails.
    bool start();
    void stop();
    bool isWatching() const;
    FolderWatcher *watcher() const { return m_watcher.get(); }
    QListWidget *recentList() const { return m_recent; }
    QString countsText() const;

Q_SIGNALS:
    void fileProcessed(const QString &file, qint64 sampleId, int predicted);
    void watchingChanged(bool watching);

private:
    void choose();
    void remember() const; // the folder and whether it is watched, for the next session
    void readClassNames();
    void addRecent(const QString &file, const QString &text, bool failed);
    void showCounts();
    void showState();

    AppContext &m_context;
    QLineEdit *m_folder;
    QPushButton *m_choose;
    QPushButton *m_startStop;
    QLabel *m_counts;
    QLabel *m_error;
    QListWidget *m_recent;
    QStringList m_classNames;
    std::unique_ptr<InferenceService> m_service; // before the watcher: it outlives it
    std::unique_ptr<FolderWatcher> m_watcher;
};

} // namespace mlwb
