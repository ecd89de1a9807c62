#pragma once
#include "monitoring/MonitorEngine.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedLayout;
class QTabWidget;
class QTableView;

namespace mlwb {

struct AppContext;
class AccuracyPlot;
class AlertStore;
class AlertTableModel;
class DriftPlot;
class StatisticTableModel;
class WindowDistributions;
class WindowTableModel;

// The Monitor page: is production still seeing what its model was trained on, and is it
// still right? Consecutive windows of the production model's samples (a count or a time span)
// against a reference (the model's test split, or a chosen window): every drift statistic's
// p-value per window with its threshold, the accuracy estimated without labels next to the
// real one as labels arrive, the chosen window's predicted classes and confidence against the
// reference, and the alerts (kept in the store, acknowledged here). A click on an alert, a
// window or a point opens that window's samples in the Label page's queue, most drifting first.
// Every look runs off the UI thread and reads only what arrived since the last one.
class MonitorPage : public QWidget {
    Q_OBJECT
public:
    explicit MonitorPage(AppContext &context, QWidget *parent = nullptr);
    ~MonitorPage() override;

    static constexpr int kRefreshMs = 3000; // how often the page looks for new samples

    void refresh(); // look now (F5); a look in progress is followed by another
    void setWindowSpacing(MonitorSeries::Spacing spacing);
    MonitorSeries::Spacing windowSpacing() const;
    // "training", or "samples:FIRST-LAST" (a window as the reference).
    void setReference(const QString &key);
    QString referenceChoice() const;

    void selectWindow(int number); // 1-based as the plots count; 0: follow the latest window
    int selectedWindow() const;    // the window shown below (0: none)
    // That window's samples in the Label page's queue, most drifting first by the statistic
    // (default: the window's strongest drift).
    void openWindow(int number, std::optional<DriftStatistic> statistic = std::nullopt);
    void openAlert(int row); // of alertModel()
    void acknowledgeSelected();
    void acknowledgeAll();
    // Acknowledges the alerts `which` names (read in the same transaction), on the store
    // thread; then shows them so and calls `done` with how many. A refusal shows the store's
    // message.
    void acknowledge(std::function<QList<qint64>(const AlertStore &)> which, std::function<void(qsizetype count)> done);
    void showAlerts(); // the Alerts tab in front (the status bar's indicator)

    const MonitorSnapshot &snapshot() const { return m_snapshot; }
    bool isLooking() const;
    bool hasLooked() const { return m_looked; }
    QString messageText() const; // the empty state's text; "" while the plots show
    QString summaryText() const;
    AlertTableModel *alertModel() const { return m_alerts; }
    WindowTableModel *windowModel() const { return m_windows; }
    StatisticTableModel *statisticModel() const { return m_statistics; }
    QTableView *alertTable() const { return m_alertTable; }
    DriftPlot *driftPlot() const { return m_drift; }
    AccuracyPlot *accuracyPlot() const { return m_accuracy; }
    WindowDistributions *distributions() const { return m_distributions; }

Q_SIGNALS:
    void looked();                             // a look finished and is shown
    void alertsChanged(qint64 unacknowledged); // after every look and acknowledgement
    void opened(const QList<qint64> &ids, const QString &title); // what went to the Label page

private:
    struct Opened {
        QList<qint64> ids;
        QString title;
        QString error;
    };

    MonitorSettings settings() const;
    void onLooked();
    void showSnapshot();
    void showSelectedWindow();
    void showAlertList();
    void updateReferenceChoices();
    void showMessage(const QString &text);
    void open(const WindowRef &window, std::optional<MonitorReference> reference, const QString &referenceKey,
              std::optional<DriftStatistic> statistic, const QString &title);
    void onOpened();
    void hint(const QString &text);
    int latestWindow() const;

    AppContext &m_context;
    std::shared_ptr<MonitorEngine> m_engine; // used by one look at a time, on its thread
    MonitorSnapshot m_snapshot;
    MonitorSettings m_lookedWith; // the settings of m_snapshot
    MonitorSettings m_running;    // of the look in progress
    QFutureWatcher<MonitorSnapshot> m_look;
    std::shared_ptr<CancelFlag> m_cancel;
    bool m_lookAgain = false;
    bool m_looked = false;
    QTimer m_timer;
    QFutureWatcher<Opened> m_open;
    int m_selected = 0; // 0: the latest

    QSpinBox *m_windowSize;
    QComboBox *m_windowUnit;
    QComboBox *m_reference;
    QDoubleSpinBox *m_alpha;
    QLabel *m_summary;
    QStackedLayout *m_stack;
    QLabel *m_message;
    DriftPlot *m_drift;
    AccuracyPlot *m_accuracy;
    QTabWidget *m_tabs;
    AlertTableModel *m_alerts;
    QTableView *m_alertTable;
    QCheckBox *m_showAcknowledged;
    QPushButton *m_acknowledge;
    QPushButton *m_acknowledgeAll;
    QPushButton *m_openAlert;
    WindowTableModel *m_windows;
    QTableView *m_windowTable;
    StatisticTableModel *m_statistics;
    QTableView *m_statisticTable;
    QLabel *m_windowTitle;
    QPushButton *m_openWindow;
    QPushButton *m_latest;
    WindowDistributions *m_distributions;
    QLabel *m_hint;
};

} // namespace mlwb
