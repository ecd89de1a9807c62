#pragma once
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedLayout;
class QStandardItemModel;
class QTableView;

namespace mlwb {

struct AppContext;

// The Models page: the registered model versions of the workspace (id, architecture,
// macro-F1, accuracy, parameters, production marker), Promote with the workspace's gates,
// Rollback of production. Reloads when shown and when a job finishes (training registers).
class ModelsPage : public QWidget {
    Q_OBJECT
public:
    ModelsPage(AppContext &context, QWidget *parent = nullptr);

    void reload();
    void promoteSelected();
    void rollback();
    qint64 selectedModelId() const; // 0 when none

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateButtons();

    AppContext &m_context;
    QStackedLayout *m_stack;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QLabel *m_gates;
    QPushButton *m_promote;
    QPushButton *m_rollback;
};

} // namespace mlwb
