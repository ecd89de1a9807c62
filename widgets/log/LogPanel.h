#pragma once
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListView;

namespace mlwb {

class LogModel;
class LogFilter;

// The log dock's content: every line mlwb logs (spdlog, qDebug…) from the moment the panel
// exists, newest at the bottom, capped at kCapacity lines, with a level filter and a search.
// Lines logged on any thread are queued into the UI thread.
class LogPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kCapacity = 5000;

    explicit LogPanel(QWidget *parent = nullptr);
    ~LogPanel() override;

    int visibleLineCount() const;
    QString visibleLine(int row) const;
    void setMinimumLevel(int level);  // spdlog level number
    void setSearchText(const QString &text);

private:
    void appendLine(int level, const QString &text);

    LogModel *m_model;
    LogFilter *m_filter;
    QListView *m_view;
    QComboBox *m_level;
    QLineEdit *m_search;
    int m_listenerId = -1;
};

} // namespace mlwb
