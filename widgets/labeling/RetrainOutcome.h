#pragma once
#include "continuous/Retrain.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace mlwb {

// What the last build or retraining gave: the data set made, and for a retraining production
// against the new model — accuracy and macro-F1 on the base test split and on the production
// test split — with Promote… (through the gates) and Open in Evaluate.
class RetrainOutcome : public QWidget {
    Q_OBJECT
public:
    explicit RetrainOutcome(QWidget *parent = nullptr);

    void showText(const QString &text); // running, failed, or nothing yet
    void showBuild(const ProductionBuild &build);
    void showRetrain(const RetrainResult &result);
    void setOpenEnabled(bool enabled); // whether Open in Evaluate has somewhere to go
    void appendNote(const QString &note); // a line under the text (e.g. "model 7 is production now")

    qint64 newModelId() const { return m_modelId; } // 0: none shown
    QTableWidget *table() const { return m_table; }
    QString text() const;
    QPushButton *promoteButton() const { return m_promote; }

Q_SIGNALS:
    void promoteRequested(qint64 modelId);
    void openRequested(qint64 modelId);

private:
    QLabel *m_text;
    QTableWidget *m_table;
    QPushButton *m_promote;
    QPushButton *m_open;
    qint64 m_modelId = 0;
    bool m_openEnabled = false;
};

// "mnist+production 1a2b3c4d: 120 labeled samples × 5 in training, 30 held back for testing…"
QString describeBuild(const ProductionBuild &build);

} // namespace mlwb
