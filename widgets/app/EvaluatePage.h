#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QStackedLayout;
class QStandardItemModel;
class QTableView;

namespace mlwb {

struct AppContext;
struct ModelVersion;

// The Evaluate page: the stored evaluation report of a chosen model version (accuracy,
// macro-F1, weighted-F1, per-class precision / recall / F1 / support), read from the
// evaluation JSON recorded when the model was registered.
class EvaluatePage : public QWidget {
    Q_OBJECT
public:
    EvaluatePage(AppContext &context, QWidget *parent = nullptr);

    void reload();                     // the model list
    void showModel(qint64 modelId);    // selects it in the list
    int perClassRowCount() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showReport(const ModelVersion &model);
    void showSelected();

    AppContext &m_context;
    QComboBox *m_models;
    QStackedLayout *m_stack;
    QLabel *m_summary;
    QLabel *m_message;
    QTableView *m_table;
    QStandardItemModel *m_perClass;
};

} // namespace mlwb
