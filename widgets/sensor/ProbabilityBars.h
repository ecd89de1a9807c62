#pragma once
#include <QStringList>
#include <QWidget>
#include <vector>

namespace mlwb {

// Every class's probability as a horizontal bar, in class order, the most probable one
// highlighted: a glance shows how sure the model is and what it hesitates between.
class ProbabilityBars : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityBars(QWidget *parent = nullptr);

    void setClassNames(const QStringList &names); // empty bars until probabilities come
    void setProbabilities(const std::vector<float> &probabilities);
    void clearProbabilities();
    const std::vector<float> &probabilities() const { return m_probabilities; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;

    QStringList m_names;
    std::vector<float> m_probabilities;
};

} // namespace mlwb
